"""The fast tokens/grams/build_document/tsvector_literal give exactly what the old ones gave.

The old implementations are kept here verbatim (bar names) as the reference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
import rjieba
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lawreports.parsing import ParsedSection, parse_file
from lawreports.search import segmentation
from lawreports.search.backends.postgres import (
    MAX_POSITION,
    MAX_POSITIONS_PER_LEXEME,
    lexeme,
    tsvector_literal,
)
from lawreports.search.indexing import Document, build_document

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*"))

# --- the old implementations ---------------------------------------------------------------

_OLD_WHITESPACE = re.compile(r"\s+")
_OLD_WORDY = re.compile(r"[^\W_]")
_OLD_RUNS = re.compile(r"[^\W_]{2,}")


def old_compact(text: str) -> str:
    return _OLD_WHITESPACE.sub("", segmentation.normalize(text))


def old_tokens(text: str) -> list[str]:
    segmentation.load_words()
    wordy = _OLD_WORDY.search
    return [
        tok
        for tok in rjieba.cut_for_search(segmentation.normalize(text))
        if wordy(tok) and len(tok) <= segmentation.MAX_TOKEN_CHARS and not tok[0].isspace()
    ]


def old_grams(compact_text: str) -> set[str]:
    out: set[str] = set()
    for run in _OLD_RUNS.findall(compact_text):
        out.update(map(str.__add__, run, run[1:]))
    return out


def old_build_document(
    report_id: int,
    title: str,
    preamble: str,
    sections: Sequence[tuple[str, str, str]],
    fallback_body: str = "",
) -> Document:
    if not sections and fallback_body:
        sections = [("", "", fallback_body)]
    parts = [title, preamble]
    headings: list[str] = []
    body = old_tokens(preamble)
    for number, heading, text in sections:
        parts += [number, heading, text]
        headings += old_tokens(heading)
        body += old_tokens(text)
    text = "".join(old_compact(p) for p in parts)
    return Document(
        report_id=report_id,
        text=text,
        title=old_tokens(title),
        headings=headings,
        body=body,
        grams=old_grams(text),
    )


def old_tsvector_literal(
    weighted: list[tuple[str, list[str]]], bare: set[str] = frozenset()
) -> str:
    positions: dict[str, list[str]] = {}
    pos = 0
    for weight, tokens in weighted:
        for token in tokens:
            pos = min(pos + 1, MAX_POSITION)
            seen = positions.setdefault(token, [])
            if len(seen) < MAX_POSITIONS_PER_LEXEME:
                seen.append(f"{pos}{weight}")
    parts = [f"{lexeme(t)}:{','.join(dict.fromkeys(p))}" for t, p in positions.items()]
    parts += [lexeme(g) for g in bare if g not in positions]
    return " ".join(parts)


# --- comparisons ---------------------------------------------------------------------------


def assert_same_document(args: tuple) -> None:
    new, old = build_document(*args), old_build_document(*args)
    assert new == old  # dataclass equality: text, every token list, the gram set
    # Same set object to both: the bare lexemes come out in that set's iteration order.
    weighted = [("A", new.title), ("B", new.headings), ("C", new.body)]
    assert tsvector_literal(weighted, new.grams) == old_tsvector_literal(weighted, new.grams)
    assert tsvector_literal(weighted[:2]) == old_tsvector_literal(weighted[:2])


def assert_same_text(text: str) -> None:
    assert segmentation.tokens(text) == old_tokens(text)
    assert segmentation.compact(text) == old_compact(text)
    assert segmentation.grams(text) == old_grams(text)
    compact = old_compact(text)
    assert segmentation.grams(compact) == old_grams(compact)


def _flatten(sections: list[ParsedSection]) -> list[tuple[str, str, str]]:
    out = []
    for node in sections:
        out.append((node.number, node.heading, node.body))
        out += _flatten(node.children)
    return out


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_seed_reports(path):
    parsed = parse_file(path)
    sections = _flatten(parsed.sections)
    assert_same_document((1, parsed.title, parsed.preamble, sections, parsed.body_text))
    assert_same_document((1, parsed.title, "", [], parsed.body_text))  # the fallback body
    for text in [parsed.original_text, parsed.title, *(s[2] for s in sections)]:
        assert_same_text(text)


CJK = "法治政府建设年度报告依法行政深化放管服改革县市區縣機關辦公室發展規劃條例國務院"
ASCII = "abcXYZ019_"
PUNCT = "，。、；：！？（）《》“”‘’【】—…·,.;:!?()[]{}<>\"'\\/-_@#%&*+=|~`$^"
SPACE = " \t\n\r\u3000\xa0\x00\x01\x7f"
FULLWIDTH = "ＡＢＣａｂｃ１２３！＂＇＼"
mixed_text = st.text(alphabet=st.sampled_from(CJK + ASCII + PUNCT + SPACE + FULLWIDTH))
any_text = st.text(max_size=300)  # any code point (surrogates too; only grams sees them)
EDGES = [
    "",
    "，。、；：！？",
    "   \n\t",
    "a" * 100,  # one token longer than MAX_TOKEN_CHARS
    "依法行政" + "x" * 65 + "依法行政",
    "它's \\n 'quoted' \\\\ back\\slash 引号'法治'",
    "ＡＢＣ１２３ abc_def 法治_政府",
    "發展規劃 国务院\x00辦公室",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mixed_text)
@example(text="")
@example(text="。，")
@example(text="x" * 70)
def test_mixed_text(text):
    assert_same_text(text)


@settings(max_examples=300, deadline=None)
@given(text=any_text)
@example(text="ab\ud800cd\udfffef")
@example(text="a\x00b")
@example(text="a_b")
def test_grams_any_text(text):
    assert segmentation.grams(text) == old_grams(text)


@pytest.mark.parametrize("text", EDGES)
def test_edge_texts(text):
    assert_same_text(text)
    assert_same_document((1, text, text, [("一", text, text)], ""))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=mixed_text,
    preamble=mixed_text,
    sections=st.lists(st.tuples(mixed_text, mixed_text, mixed_text), max_size=4),
    fallback=mixed_text,
)
def test_build_document(title, preamble, sections, fallback):
    assert_same_document((7, title, preamble, sections, fallback))


lexemes = st.text(alphabet=st.sampled_from("ab'\\ 法治:,"), max_size=4)


@settings(max_examples=300, deadline=None)
@given(
    weighted=st.lists(
        st.tuples(st.sampled_from("ABCD"), st.lists(lexemes, max_size=30)), max_size=4
    ),
    bare=st.sets(lexemes, max_size=20),
)
def test_tsvector_literal(weighted, bare):
    assert tsvector_literal(weighted, bare) == old_tsvector_literal(weighted, bare)


def test_tsvector_literal_limits():
    many = [f"t{i % 5000}" for i in range(20000)]  # past 16383 positions
    repeated = ["法治"] * 300 + ["it's"] * 260 + ["a\\b"]  # >255 occurrences, escaping
    cases = [
        [("A", many)],
        [("A", ["x"] * 16380), ("B", ["x", "y"] * 5), ("C", ["y", "z"] * 3)],  # clamped
        [("A", repeated), ("C", repeated)],
        [("C", [f"u{i}" for i in range(10000)] + ["q"] * 150)],  # long label lists, no cap
        [("A", []), ("B", [])],
        [],
    ]
    bare = {"法治", "政府", "it's", "t1", "\\", "", "zz"}
    for weighted in cases:
        for b in (frozenset(), bare):
            assert tsvector_literal(weighted, b) == old_tsvector_literal(weighted, b)


@pytest.mark.parametrize(
    "tok", ["", " a", "\u3000法", "\xa0a", "_", "__", "a_", "，", "a" * 64, "a" * 65]
)
def test_keep_decision(tok):
    old = bool(_OLD_WORDY.search(tok)) and len(tok) <= 64 and not tok[0].isspace()
    assert segmentation._KEEP[tok] is old


def test_keep_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(segmentation, "_KEEP_CACHE_MAX", 10)
    text = "深化放管服改革，落实三项制度、重大行政决策程序。" * 3 + "x" * 80
    for _ in range(3):
        assert segmentation.tokens(text) == old_tokens(text)
        assert len(segmentation._KEEP) <= 10 + len(set(old_tokens(text))) + 10
