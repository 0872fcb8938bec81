"""Facet counts from the in-memory columns equal plain per-facet SQL counts (one ORM query
per facet over the other facets' filters), for searches, filters and their combinations."""

from __future__ import annotations

import pytest
from django.db.models import Count

from lawreports.analysis import facets as analysis_facets
from lawreports.reports.facets import FACETS, _facet_label, _facet_shown, facets_and_ids
from lawreports.reports.filters import ReportFilter
from lawreports.reports.models import Report
from lawreports.search import search_reports


@pytest.fixture
def loaded(db, tmp_path, seeds_dir):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.corpus import write_corpus
    from lawreports.reports.services.loading import load_files, report_files

    raw, _ = write_corpus(60, tmp_path)
    load_files(report_files([seeds_dir, raw]))


def _reference(params: dict[str, str], base) -> tuple[dict[str, list[tuple]], list[int]]:
    def over(name: str):
        return ReportFilter({k: v for k, v in params.items() if k != name}, queryset=base).qs

    out: dict[str, list[tuple]] = {}
    for name, (column, label_column) in FACETS.items():
        if not _facet_shown(name, params):
            continue
        columns = [column] + ([label_column] if label_column else [])
        rows = (
            over(name)
            .exclude(**{f"{column}__isnull": True})
            .values(*columns)
            .annotate(n=Count("pk"))
            .order_by(("-" if name == "year" else "") + column)
        )
        out[name] = [
            (str(r[column]), _facet_label(name, r, column, label_column), r["n"])
            for r in rows
            if r[column] not in ("", None)
        ]
    reports = over("has_issues")
    with_issues = reports.filter(issue_count__gt=0).count()
    out["has_issues"] = [
        ("true", "承认存在问题", with_issues),
        ("false", "未列出问题", reports.count() - with_issues),
    ]
    out["timeliness"] = analysis_facets.timeliness(over("timeliness"))
    out["missing_part"] = analysis_facets.missing_parts(over("missing_part"))
    for kind in ("issue", "plan"):
        out[f"{kind}_theme"] = analysis_facets.themes(over(f"{kind}_theme"), kind)
    out["figures"] = analysis_facets.figure_buckets(over("figures"))
    filtered = ReportFilter(params, queryset=base).qs
    return out, sorted(filtered.values_list("pk", flat=True))


def _some(field: str) -> str:
    return str(
        Report.objects.exclude(**{f"{field}__isnull": True}).values_list(field, flat=True)[0]
    )


PARAMS = [
    {},
    {"year": "2022"},
    {"level": "county"},
    {"agency_kind": "department", "has_issues": "true"},
    {"has_issues": "false", "timeliness": "late"},
    {"missing_part": "problems", "figures": "few"},
    {"issue_theme": "执法", "plan_theme": "普法与学法"},
    {"min_figures": "5", "year": "2021"},
    {"year": "abc"},  # not a number: the filter is ignored, as django-filter does
    {"year": "-1", "level": "nonsense"},  # no report has year -1; an unknown level is ignored
    {"year": "2022.5", "min_figures": "-3"},  # integer columns truncate decimals
    {"min_figures": "2.5"},
    {"issue_theme": "不存在的主题"},
    {"province": "云南省", "has_issues": "0"},  # a name instead of a code
    {"q": "行政执法"},
    {"q": "包容审慎监管", "level": "township"},
    {"q": '"政府法律顾问"', "year": "2023"},
    {"q": "普法 -疫情", "issue_theme": "监督"},
    {"q": "不存在的词语组合"},
    {"q": '"""'},  # nothing searchable: no reports
]


@pytest.mark.parametrize("params", PARAMS, ids=str)
def test_facets_equal_per_facet_sql_counts(loaded, params):
    base, matched = Report.objects.all(), None
    if "q" in params:
        searched = search_reports(params["q"])
        base, matched = searched.reports, searched.matched
    facets, ids = facets_and_ids(params, base, matched=matched)
    expected, expected_ids = _reference(params, base)
    got = {name: [(v.value, v.label, v.count) for v in values] for name, values in facets.items()}
    assert got == expected
    assert ids.tolist() == expected_ids


def test_region_drill_down_and_selected_values(loaded):
    province = _some("province__code")
    prefecture = str(
        Report.objects.filter(province__code=province)
        .exclude(prefecture__isnull=True)
        .values_list("prefecture__code", flat=True)[0]
    )
    params = {"province": province, "prefecture": prefecture, "q": "法治政府"}
    searched = search_reports(params["q"])
    facets, ids = facets_and_ids(params, searched.reports, matched=searched.matched)
    expected, expected_ids = _reference(params, searched.reports)
    assert {n: [(v.value, v.label, v.count) for v in vs] for n, vs in facets.items()} == expected
    assert ids.tolist() == expected_ids != []
    assert [v.value for v in facets["province"] if v.selected] == [province]
    assert [v.value for v in facets["prefecture"] if v.selected] == [prefecture]
    assert "county" in facets
