"""A term, quoted or not, finds exactly the reports whose text contains it as written
(simplified/traditional folded, whitespace ignored): checked against a brute-force substring
scan of the archive (seeds plus generated reports) for sampled substrings, dictionary words
and non-words, in both scripts, alone and combined with AND, OR and -."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import rjieba
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_support import CJK_RUN, substrings

from lawreports.search import search_reports, segmentation

REPO = Path(__file__).resolve().parents[2]
S2T = opencc.OpenCC("s2t")
WORDS_TXT = [
    w
    for line in (REPO / "lawreports/search/words.txt").read_text(encoding="utf-8").splitlines()
    if (w := line.split("#", 1)[0].strip()) and "、" not in w
]
EXAMPLES = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def brute(texts: dict[int, str], term: str) -> set[int]:
    needle = re.sub(r"\s+", "", segmentation.normalize(term))
    return {pk for pk, text in texts.items() if needle in text}


def found(q: str) -> set[int]:
    result = search_reports(q)
    ids = set(result.reports.values_list("pk", flat=True))
    assert result.count == len(ids), q
    return ids


def _dictionary_words(texts: list[str]) -> list[str]:
    """Words the segmenter makes of the archive, plus the domain list (some absent here)."""
    segmentation.load_words()
    cut = {w for t in texts[:20] for w in rjieba.cut(t) if len(w) >= 2 and CJK_RUN.fullmatch(w)}
    return sorted(cut | set(WORDS_TXT))


def _non_words(texts: list[str]) -> st.SearchStrategy[str]:
    chars = sorted({c for t in texts for c in t if "\u4e00" <= c <= "\u9fff"})
    return st.text(st.sampled_from(chars), min_size=2, max_size=4)


def _both_scripts(term: str) -> list[str]:
    return list(dict.fromkeys([term, S2T.convert(term)]))


def _check(texts: dict[int, str], term: str) -> None:
    for written in _both_scripts(term):
        # Folded per character, as the archive is: 答覆 stays 答覆 (覆 is simplified too).
        expected = brute(texts, written)
        assert found(written) == expected, (written, len(expected))
        assert found(f'"{written}"') == expected, written


def test_sampled_substrings(archive):
    @EXAMPLES
    @given(substrings(list(archive.values()), longest=8))
    def run(term):
        assert brute(archive, term)  # taken from the archive: at least one report
        _check(archive, term)

    run()


def test_dictionary_words(archive):
    words = _dictionary_words(list(archive.values()))

    @EXAMPLES
    @given(st.sampled_from(words))
    def run(term):
        _check(archive, term)

    run()
    # The domain list in full, absent words included.
    for word in WORDS_TXT:
        _check(archive, word)


def test_non_words(archive):
    @EXAMPLES
    @given(_non_words(list(archive.values())))
    def run(term):
        _check(archive, term)

    run()


def test_the_issue_examples(archive):
    """The terms the issue was filed with: a word's parts no longer stand in for it."""
    narrower = 0
    for term in ("司法所", "执法证", "法治政府建设", "市人民政府", "行政执法证", "法治政府"):
        expected = brute(archive, term)
        assert found(term) == expected, term
        narrower += expected < brute(archive, term[:2])
    assert narrower >= 3  # the examples do tell a term from its first word


def test_and_or_not(archive):
    terms = st.one_of(
        substrings(list(archive.values()), longest=8), _non_words(list(archive.values()))
    )
    everything = set(archive)

    @EXAMPLES
    @given(terms, terms, st.sampled_from(["and", "or", "not"]), st.booleans())
    def run(a, b, op, traditional):
        if traditional:
            a, b = S2T.convert(a), S2T.convert(b)
        left, right = brute(archive, a), brute(archive, b)
        if op == "and":
            q, expected = f"{a} {b}", left & right
        elif op == "or":
            q, expected = f"{a} OR {b}", left | right
        else:
            q, expected = f"{a} -{b}", left - right
        assert expected <= everything
        assert found(q) == expected, q

    run()


def test_a_term_that_is_no_dictionary_word_still_ranks_by_its_words(db):
    from tests.search.conftest import make_report

    body = "本年度开展多项工作。" * 20
    plain = make_report("body", "某县报告", [("一、概况", body + "行政复议工作稳步推进。")])
    heading = make_report("head", "某市报告", [("一、行政复议工作", body)])
    title = make_report("title", "某区行政复议工作报告", [("一、概况", body)])
    apart = make_report("apart", "某镇报告", [("一、行政复议", body + "其他工作。")])
    assert len(segmentation.tokens("行政复议工作")) > 1  # not one dictionary word
    for q in ("行政复议工作", "行政復議工作"):
        hits = search_reports(q).page(0, 10)
        assert [h.report.pk for h in hits] == [title.pk, heading.pk, plain.pk]
        assert apart.pk not in {h.report.pk for h in hits}
        assert all("<mark>行政复议工作</mark>" in h.title_html or h.sections for h in hits)
        assert "<mark>行政复议工作</mark>" in hits[2].sections[0].snippet_html


def test_counts_facets_pages_exports_api_and_feed_agree_with_the_brute_force_set(archive, client):
    import csv
    import io

    from lawreports.reports.models import Report

    for term in ("司法所", "執法證", "依法行政工作", "习近平法治思想"):
        expected = brute(archive, term)
        assert 0 < len(expected) < len(archive), term
        api = client.get("/api/reports", {"q": term}).json()
        assert api["count"] == len(expected), term
        assert sum(api["facets"]["year"].values()) == len(expected)
        years = Report.objects.filter(pk__in=expected).values_list("year", flat=True)
        assert api["facets"]["year"] == {str(y): list(years).count(y) for y in set(years)}
        paged = set()
        for page in range(1, api["pages"] + 1):
            data = client.get("/api/reports", {"q": term, "page": page}).json()
            paged |= {hit["id"] for hit in data["results"]}
        assert paged == expected
        export = client.get("/export/reports.csv", {"q": term, "header": "code"})
        text = b"".join(export.streaming_content).decode("utf-8-sig")
        assert {int(row["id"]) for row in csv.DictReader(io.StringIO(text))} == expected
        feed = client.get("/feeds/reports.atom", {"q": term}).content.decode()
        assert feed.count("<entry>") == min(len(expected), 50)
        listing = client.get("/reports/", {"q": term}).content.decode()
        assert f"共 {len(expected):,} 份" in listing
