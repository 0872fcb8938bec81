"""Scoped search (in=title|agency|issues|plans) against a brute-force scan of the stored
fields, the items a scoped export lists, and the marked terms on a report opened from a search."""

from __future__ import annotations

import csv
import html
import io
import re

import opencc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_support import CJK_RUN, substrings

from lawreports.reports.models import Issue, Plan, Report
from lawreports.search import search_reports, segmentation
from lawreports.search.scoped import piece_regex

S2T = opencc.OpenCC("s2t")
EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", segmentation.normalize(text))


def scoped_texts() -> dict[str, dict[int, list[str]]]:
    """scope → report id → the texts a term may occur in, independently of the search code."""
    out: dict[str, dict[int, list[str]]] = {"title": {}, "agency": {}, "issues": {}, "plans": {}}
    for report in Report.objects.select_related("agency"):
        out["title"][report.pk] = [compact(report.title)]
        out["agency"][report.pk] = [compact(report.agency.name)] if report.agency_id else []
        out["issues"][report.pk] = []
        out["plans"][report.pk] = []
    for scope, model in (("issues", Issue), ("plans", Plan)):
        for report_id, headline, text in model.objects.values_list("report_id", "headline", "text"):
            out[scope][report_id] += [compact(headline), compact(text)]
    return out


def test_each_scope_finds_exactly_the_reports_whose_field_holds_the_terms(archive):
    fields = scoped_texts()
    pool = [t for scope in fields.values() for ts in scope.values() for t in ts]

    @EXAMPLES
    @given(
        st.sampled_from(sorted(fields)),
        substrings(pool, longest=6),
        substrings(pool, longest=6),
        st.sampled_from(["one", "and", "or", "not"]),
        st.booleans(),
    )
    def run(scope, a, b, op, traditional):
        if traditional:
            a, b = S2T.convert(a), S2T.convert(b)
        na, nb = compact(a), compact(b)

        def has(pk: int, needle: str) -> bool:
            return any(needle in text for text in fields[scope][pk])

        def item_has(pk: int, test) -> bool:
            # issues and plans: one item must satisfy the whole query
            if scope in ("issues", "plans"):
                texts = fields[scope][pk]
                items = [texts[i] + "\n" + texts[i + 1] for i in range(0, len(texts), 2)]
                return any(test(lambda n, item=item: n in item) for item in items)
            return test(lambda n: has(pk, n))

        q, test = {
            "one": (a, lambda c: c(na)),
            "and": (f"{a} {b}", lambda c: c(na) and c(nb)),
            "or": (f"{a} OR {b}", lambda c: c(na) or c(nb)),
            "not": (f"{a} -{b}", lambda c: c(na) and not c(nb)),
        }[op]
        expected = {pk for pk in fields[scope] if item_has(pk, test)}
        result = search_reports(q, scope=scope)
        assert set(result.reports.values_list("pk", flat=True)) == expected, (scope, q)
        assert result.count == len(expected)

    run()


def test_piece_regex_matches_where_the_folded_text_contains_the_piece():
    alphabet = st.sampled_from(list("复復覆议議行政 \u3000\n\tＡaA１1司法所"))

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet, max_size=12), st.text(alphabet, min_size=1, max_size=4))
    def run(text, needle):
        piece = compact(needle)
        if not piece:
            return
        assert bool(re.search(piece_regex(piece), text)) == (piece in compact(text))

    run()


def test_issue_scope_hits_and_export_list_only_the_matching_problems(archive, client):
    issues = list(Issue.objects.values_list("pk", "headline", "text"))
    term = next(
        m.group()[:3] for _, _, text in issues for m in CJK_RUN.finditer(text) if len(m.group()) > 3
    )
    needle = compact(term)
    matching = {pk for pk, headline, text in issues if needle in compact(headline + "\n" + text)}
    assert matching and len(matching) < len(issues)

    response = client.get("/export/issues.csv", {"q": term, "in": "issues", "header": "code"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert {int(r["id"]) for r in rows} == matching

    # Without the scope the export lists every problem of the matching reports.
    everywhere = client.get("/export/issues.csv", {"q": term})
    all_rows = list(
        csv.DictReader(io.StringIO(b"".join(everywhere.streaming_content).decode("utf-8-sig")))
    )
    assert len(all_rows) >= len(rows)

    api = client.get("/api/reports", {"q": term, "in": "issues"}).json()
    reports = {Issue.objects.get(pk=pk).report_id for pk in matching}
    assert api["count"] == len(reports) and api["in"] == "issues"
    issue_texts = [compact(t) for _, _, t in issues]
    for hit in api["results"]:
        snippet = html.unescape(re.sub(r"</?mark>|…", "", hit["snippet"]))
        assert needle in compact(snippet)  # each snippet comes from a matching problem
        assert any(compact(snippet) in t for t in issue_texts)


def test_title_and_agency_scopes_through_the_api_and_the_list(archive, client):
    title = Report.objects.exclude(title="").values_list("title", flat=True).first()
    term = CJK_RUN.search(title).group()[:4]
    expected = {
        pk for pk, t in Report.objects.values_list("pk", "title") if compact(term) in compact(t)
    }
    api = client.get("/api/reports", {"q": term, "in": "title"}).json()
    assert api["count"] == len(expected)
    everywhere = client.get("/api/reports", {"q": term}).json()["count"]
    assert everywhere >= api["count"]
    page = client.get("/reports/", {"q": term, "in": "title"}).content.decode()
    assert '<option value="title" selected>' in page
    assert f"共 {len(expected)} 份" in page.replace(",", "")


def test_report_opened_from_a_search_marks_and_counts_every_occurrence(archive, client):
    report = Report.objects.filter(script="simplified").first()
    body = "".join(s.body for s in report.sections.all())
    term = next(m.group()[:2] for m in CJK_RUN.finditer(body))
    page = client.get(report.get_absolute_url(), {"q": term}).content.decode()
    fulltext = page[page.index('id="fulltext-h"') :]
    texts = [report.preamble] + [t for s in report.sections.all() for t in (s.heading, s.body)]
    # Occurrences that touch are marked as one.
    run = f"(?:{re.escape(compact(term))})+"
    expected = sum(len(re.findall(run, compact(text))) for text in texts)
    count = int(re.search(r'data-hits="(\d+)"', fulltext).group(1))
    assert count == expected > 0
    numbers = {int(n) for n in re.findall(r'<mark class="hit"[^>]*data-hit="(\d+)"', fulltext)}
    assert numbers == set(range(1, count + 1))
    assert 'id="hit-1"' in fulltext and 'href="#hit-1" data-step="1"' in fulltext
    plain = client.get(report.get_absolute_url()).content.decode()
    assert "<mark" not in plain and "hit-nav" not in plain


def test_a_traditional_report_marks_a_simplified_query_and_keeps_it_when_switching(archive, client):
    report = Report.objects.filter(script="traditional").first()
    page = client.get(report.get_absolute_url(), {"q": "报告"}).content.decode()  # 報告 inside
    count = int(re.search(r'data-hits="(\d+)"', page).group(1))
    assert count > 0 and '<mark class="hit" id="hit-1" data-hit="1">報告</mark>' in page
    assert "?script=simplified&amp;q=%E6%8A%A5%E5%91%8A" in page
    switched = client.get(report.get_absolute_url(), {"q": "报告", "script": "simplified"})
    assert int(re.search(r'data-hits="(\d+)"', switched.content.decode()).group(1)) == count
