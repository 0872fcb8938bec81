"""The phrase guarantee: a quoted string present in a report's text finds exactly the reports
containing it, whatever the segmenter does at its edges."""

from __future__ import annotations

import random
import re

import opencc
import pytest

from lawreports.search import search_reports
from tests.search.conftest import SEEDS, split_seed

pytestmark = pytest.mark.django_db
T2S = opencc.OpenCC("t2s")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def flat(report) -> str:
    """The report's text as the guarantee states it: t2s, whitespace removed (independent
    of the search code)."""
    parts = [report.title] + [f"{s.heading}{s.body}" for s in report.sections.order_by("order")]
    return re.sub(r"\s+", "", T2S.convert("".join(parts)))


def samples(texts: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    runs = [m.group() for t in texts for m in CJK_RUN.finditer(t)]
    out = []
    while len(out) < n:
        run = rng.choice(runs)
        size = rng.randint(2, min(12, len(run)))
        start = rng.randint(0, len(run) - size)
        out.append(run[start : start + size])
    return out


def test_sampled_substrings_find_exactly_their_reports(seed_reports):
    texts = {key: flat(r) for key, r in seed_reports.items()}
    failures = []
    for phrase in samples(list(texts.values()), 200, seed=20190401):
        expected = {k for k, t in texts.items() if phrase in t}
        for q in (f'"{phrase}"', f"“{phrase}”"):
            got = {r.source_file[:3] for r in search_reports(q).reports}
            if got != expected:
                failures.append((q, expected, got))
    assert not failures, failures[:5]


def test_traditional_substrings_find_the_traditional_report(seed_reports):
    path = next(p for p in SEEDS if p.stem.startswith("004"))
    title, sections = split_seed(path.read_text(encoding="utf-8", errors="replace"))
    original = re.sub(r"\s+", "", title + "".join(h + b for h, b in sections))
    texts = {key: flat(r) for key, r in seed_reports.items()}
    for phrase in samples([original], 60, seed=7):
        expected = {k for k, t in texts.items() if T2S.convert(phrase) in t}
        assert "004" in expected
        got = {r.source_file[:3] for r in search_reports(f'"{phrase}"').reports}
        assert got == expected, phrase


def test_unquoted_words_recall_sampled_substrings(seed_reports):
    texts = {key: flat(r) for key, r in seed_reports.items()}
    for phrase in samples(list(texts.values()), 60, seed=11):
        got = {r.source_file[:3] for r in search_reports(phrase).reports}
        assert {k for k, t in texts.items() if phrase in t} <= got, phrase
