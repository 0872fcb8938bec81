"""The batch derivation (no query per report) yields exactly what analyse_report stores."""

from pathlib import Path

import pytest

from lawreports.analysis.models import Figure, ItemTheme, ReportAnalysis
from lawreports.analysis.services import (
    _analysis_copies,
    analyse_report,
    analysis_rows_for_new_reports,
    derive_analysis,
    taxonomy,
)
from lawreports.parsing.normalise import analysis_copy
from lawreports.reports.models import Report, Section
from lawreports.reports.services.loading import load_files, report_files

pytestmark = pytest.mark.django_db

VARIANTS = Path(__file__).resolve().parent.parent / "parsing" / "data" / "variants"
ANALYSIS_FIELDS = [
    f.attname for f in ReportAnalysis._meta.concrete_fields if f.name != "analysed_at"
]
FIGURE_FIELDS = [
    "report_id",
    "section_id",
    "order",
    "number",
    "value",
    "unit",
    "approx",
    "noun",
    "sentence",
]
THEME_FIELDS = ["report_id", "theme_id", "kind", "issue_id", "plan_id", "keywords"]


@pytest.fixture
def reports(seeds_dir):
    """The seeds and the parser's variants, each analysed by analyse_report (whatever path
    the loader took), as the rows analyse_report stored."""
    summary = load_files(report_files([seeds_dir, VARIANTS]))
    assert summary.counts["loaded"] >= 20, summary.failures
    for report in Report.objects.all():
        analyse_report(report)
    return list(Report.objects.order_by("pk"))


def _in_memory(reports):
    """(report, sections, issues, plans) fetched up front, as a loader holds them."""
    return [
        (r, list(r.sections.order_by("order")), list(r.issues.all()), list(r.plans.all()))
        for r in reports
    ]


def _stored(report):
    return (
        [ReportAnalysis.objects.filter(report=report).values(*ANALYSIS_FIELDS).get()],
        list(Figure.objects.filter(report=report).order_by("order").values(*FIGURE_FIELDS)),
        list(ItemTheme.objects.filter(report=report).order_by("pk").values(*THEME_FIELDS)),
    )


def _values(rows, fields):
    return [{name: getattr(row, name) for name in fields} for row in rows]


def test_batch_equals_analyse_report(reports, django_assert_num_queries):
    entries = _in_memory(reports)
    with django_assert_num_queries(1):  # the taxonomy, once
        batch = analysis_rows_for_new_reports(entries)
    assert len(batch.analyses) == len(reports)
    assert [a.pk for a in batch.analyses] == [r.pk for r in reports]
    assert all(a.analysed_at is not None for a in batch.analyses)  # a raw insert needs it
    assert batch.figures and batch.item_themes  # the comparison below is not vacuous
    for report, analysis in zip(reports, batch.analyses, strict=True):
        figures = [f for f in batch.figures if f.report_id == report.pk]
        themes = [t for t in batch.item_themes if t.report_id == report.pk]
        derived = (
            _values([analysis], ANALYSIS_FIELDS),
            _values(figures, FIGURE_FIELDS),
            _values(themes, THEME_FIELDS),
        )
        assert derived == _stored(report), report.source_file


def test_given_taxonomy_means_no_query(reports, django_assert_num_queries):
    entries, themes_by_name = _in_memory(reports), taxonomy()
    with django_assert_num_queries(0):
        analysis_rows_for_new_reports(entries, themes_by_name)


def test_traditional_report(reports):
    report = next(r for r in reports if r.source_file.startswith("004"))
    assert report.script == "traditional"
    (entry,) = _in_memory([report])
    rows = derive_analysis(*entry, taxonomy())
    assert rows.analysis.problems == rows.analysis.plans == "outline"  # found once simplified
    assert rows.figures and rows.item_themes
    derived = (
        _values([rows.analysis], ANALYSIS_FIELDS),
        _values(rows.figures, FIGURE_FIELDS),
        _values(rows.item_themes, THEME_FIELDS),
    )
    assert derived == _stored(report)


def test_batch_rows_insert_in_place_of_analyse_report(reports):
    """What a bulk loader inserts for new reports stands where analyse_report's rows stood."""
    before = [_stored(r) for r in reports]
    batch = analysis_rows_for_new_reports(_in_memory(reports))
    for model in (ReportAnalysis, Figure, ItemTheme):
        model.objects.all().delete()
    for rows in (batch.analyses, batch.figures, batch.item_themes):
        type(rows[0]).objects.bulk_create(rows)
    assert [_stored(r) for r in reports] == before


def test_unsaved_rows_are_refused(reports):
    report, sections, issues, plans = _in_memory(reports[:1])[0]
    with pytest.raises(ValueError):
        derive_analysis(report, [*sections, Section(report=report)], issues, plans, {})


@pytest.mark.parametrize(
    "texts",
    [
        ["", "", ""],
        ["一、主要舉措和成效", "第一行\n第二行\n", "\n", "ＡＢＣ１２３％"],
        ["甲\r\n乙", "後來發現髮型", "乾隆\n乾燥", ""],
    ],
)
def test_one_conversion_for_many_texts_is_exact(texts):
    assert _analysis_copies(texts) == [analysis_copy(text) for text in texts]
