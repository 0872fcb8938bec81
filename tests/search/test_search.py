from __future__ import annotations

import pytest

from lawreports.reports.models import Report
from lawreports.search import search_reports
from tests.search.conftest import make_report

pytestmark = pytest.mark.django_db


def found(q: str, reports=None) -> set[str]:
    result = search_reports(q, reports)
    assert result.message is None, result.message
    return {r.source_file[:3] for r in result.reports}


def test_words_recall_and_exclusion(seed_reports):
    assert found("蒙自") == {"000"}
    assert found("昭通") == {"002"}
    assert found("茂名") == {"004"}
    assert found("法治政府") == {"000", "001", "002", "003", "004"}
    assert found("荥阳 蒙自") == set()


def test_traditional_and_simplified_fold(seed_reports):
    assert "004" in found("法治政府建设")  # simplified query, traditional report
    assert found("茂名市政府辦公室") == found("茂名市政府办公室") == {"004"}
    assert "000" in found("規範性文件")  # traditional query, simplified report
    assert found("“頭雁”") == found("头雁") == {"004"}


def test_phrase_across_word_boundary(seed_reports):
    assert "002" in found('"市人民政府"')
    assert found("“通市人民”") == {"002"}


def test_or_and_exclusion(seed_reports):
    assert found("蒙自 OR 昭通") == {"000", "002"}
    assert found("法治政府 -蒙自") == {"001", "002", "003", "004"}
    assert found('法治政府 -"昭通市" -茂名') == {"000", "001", "003"}


def test_count_and_combination_with_filters(seed_reports):
    result = search_reports("法治政府", Report.objects.filter(year__gte=2022))
    assert result.count == 3
    assert {r.year for r in result.reports} == {2022, 2023, 2024}
    assert {h.report.year for h in result.page(0, 10)} == {2022, 2023, 2024}


def test_empty_query_filters_nothing(seed_reports):
    result = search_reports("   ")
    assert result.message is None and result.count == 5
    assert len(result.page(0, 3)) == 3


@pytest.mark.parametrize("q", ["，。、！", "&|!():*", "-蒙自", "x" * 1000])
def test_unusable_queries_give_a_message(seed_reports, q):
    result = search_reports(q)
    assert result.message and result.count == 0 and result.page(0, 10) == []


def test_hits_have_sections_and_marked_snippets(seed_reports):
    hits = search_reports("行政复议").page(0, 10)
    assert hits
    for hit in hits:
        assert hit.sections, hit.report.title
        for s in hit.sections:
            assert s.anchor == f"s{s.section.order}"
            assert "<mark>行政复议</mark>" in s.snippet_html + s.heading_html
            assert len(s.snippet_html.replace("<mark>", "").replace("</mark>", "")) <= 125


def test_traditional_text_highlighted_for_simplified_query(seed_reports):
    (hit,) = search_reports(
        "法治政府建设", Report.objects.filter(source_file__startswith="004")
    ).page(0, 1)
    assert any("<mark>法治政府建設</mark>" in s.snippet_html + s.heading_html for s in hit.sections)


def test_highlight_cannot_inject_html(db):
    make_report("x1", "测试报告", [("一、概况", '<script>alert("法治")</script> 依法行政 <b>')])
    (hit,) = search_reports("script 依法行政").page(0, 5)
    html = hit.sections[0].snippet_html
    assert "<script" not in html and "<b>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html and "<mark>依法行政</mark>" in html
    # Quotes keep inner punctuation but trim it at the ends: "<script>" searches script.
    (hit,) = search_reports('"<script>alert"').page(0, 5)
    assert "&lt;<mark>script&gt;alert</mark>(" in hit.sections[0].snippet_html


def test_title_and_heading_outrank_body(db):
    body = "本年度开展多项工作。" * 20
    plain = make_report(
        "body", "某县报告", [("一、概况", body + "行政复议工作稳步推进，行政复议案件办理规范。")]
    )
    heading = make_report("head", "某市报告", [("一、行政复议工作", body)])
    title = make_report("title", "某区行政复议工作报告", [("一、概况", body)])
    ranked = [h.report.pk for h in search_reports("行政复议").page(0, 10)]
    assert ranked == [title.pk, heading.pk, plain.pk]
    by_date = search_reports("行政复议", order="date")
    assert {h.report.pk for h in by_date.page(0, 10)} == {title.pk, heading.pk, plain.pk}


def test_pagination_is_stable(seed_reports):
    result = search_reports("法治政府")
    pages = [h.report.pk for h in result.page(0, 2) + result.page(2, 2) + result.page(4, 2)]
    assert sorted(pages) == sorted(r.pk for r in seed_reports.values())
