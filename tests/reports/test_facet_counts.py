"""Facet counts from the in-memory columns equal plain ORM counts: for every value a facet
could offer, the reports the other facets' SQL filters leave, filtered by that one value
(disjunctive counts), for searches, filters, several values of one facet and year ranges."""

from __future__ import annotations

import pytest

from lawreports.analysis.models import Theme
from lawreports.browsing.counting import facets_and_ids, shown
from lawreports.browsing.kinds import Chosen
from lawreports.browsing.params import select
from lawreports.browsing.registry import FACETS
from lawreports.browsing.variants import RelatedFacet, ThemeFacet
from lawreports.reports.models import Agency, Region, Report
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


def _universe(facet) -> list:
    """Every value the facet could offer, read from the tables (not from the columns)."""
    if isinstance(facet, ThemeFacet):
        return list(Theme.objects.values_list("name", flat=True))
    if facet.choices:
        return [key for key, _ in facet.choices]
    if isinstance(facet, RelatedFacet):
        return list(Report.objects.values_list(f"{facet.field}_id", flat=True).distinct())
    return list(Report.objects.exclude(**{f"{facet.field}__isnull": True})
                .values_list(facet.field, flat=True).distinct())  # fmt: skip


def _reference(params: dict, base) -> tuple[dict[str, dict], list[int]]:
    selection = select(params)
    out: dict[str, dict] = {}
    for facet in FACETS:
        if not shown(facet.name, selection):
            continue
        over = base.filter(selection.q(without=facet.name))
        chosen = selection.chosen[facet.name]
        counts = {}
        for value in _universe(facet):
            one = Chosen(values=[value])
            n = over.filter(facet.q(one)).count()
            if n or value in chosen.values:
                key = value
                if isinstance(facet, RelatedFacet):
                    key = Region.objects.get(pk=value).code if facet.model is Region else value
                counts[str(key)] = (n, value in chosen.values)
        out[facet.name] = counts
    return out, sorted(base.filter(selection.q()).values_list("pk", flat=True))


def _some(field: str, n: int = 1) -> list[str]:
    values = Report.objects.exclude(**{f"{field}__isnull": True}).values_list(field, flat=True)
    return [str(v) for v in dict.fromkeys(values)][:n]


PARAMS = [
    {},
    {"year": "2022"},
    {"year": ["2020", "2022"]},  # several values of one facet: OR
    {"year_from": "2021", "year_to": "2022"},
    {"year_from": "2022", "level": ["county", "township"]},
    {"year": ["2020", "2023"], "year_to": "2022"},  # values within the range
    {"level": "county"},
    {"agency_kind": ["department", "government"], "has_issues": "true"},
    {"has_issues": "false", "timeliness": ["late", "unknown"]},
    {"missing_part": ["problems", "plans"], "figures": ["none", "few"]},
    {"issue_theme": ["执法", "监督"], "plan_theme": "普法与学法"},
    {"min_figures": "5", "year": "2021"},
    {"year": "abc"},  # not a number: ignored with a message
    {"year": ["-1", "2022"], "level": "nonsense"},  # no report has year -1; unknown level
    {"year_from": "2023", "year_to": "2020"},  # an empty range: ignored with a message
    {"issue_theme": "不存在的主题"},
    {"province": "云南省", "has_issues": "0"},  # a name instead of a code
    {"q": "行政执法"},
    {"q": "包容审慎监管", "level": ["township", "county"]},
    {"q": '"政府法律顾问"', "year": "2023"},
    {"q": "普法 -疫情", "issue_theme": "监督", "year_from": "2021"},
    {"q": "不存在的词语组合"},
    {"q": '"""'},  # nothing searchable: no reports
]


def _got(params: dict, base, matched) -> tuple[dict[str, dict], list[int]]:
    facets, ids = facets_and_ids(select(params), base, matched=matched)
    got = {
        name: {v.value: (v.count, v.selected) for v in values} for name, values in facets.items()
    }
    return got, ids.tolist()


def _base(params: dict):
    if "q" in params:
        searched = search_reports(params["q"])
        return searched.reports, searched.matched
    return Report.objects.all(), None


@pytest.mark.parametrize("params", PARAMS, ids=str)
def test_facets_equal_per_value_orm_counts(loaded, params):
    base, matched = _base(params)
    assert _got(params, base, matched) == _reference(params, base)


def test_two_provinces_and_two_prefectures(loaded):
    provinces = _some("province__code", 2)
    prefectures = [
        str(Report.objects.filter(province__code=p).exclude(prefecture__isnull=True)
            .values_list("prefecture__code", flat=True)[0])
        for p in provinces
    ]  # fmt: skip
    for params in (
        {"province": provinces},
        {"province": provinces, "prefecture": prefectures, "q": "法治政府"},
        {"province": provinces, "agency": str(Report.objects.first().agency_id)},
    ):
        base, matched = _base(params)
        got, ids = _got(params, base, matched)
        assert (got, ids) == _reference(params, base)
        assert [v for v, (_, chosen) in got["province"].items() if chosen] == sorted(provinces)
    assert "county" in got or "prefecture" in got


def test_labels_come_from_the_declarations(loaded):
    facets, _ = facets_and_ids(select({"province": _some("province__code")}), Report.objects.all())
    names = dict(Region.objects.values_list("code", "name"))
    assert all(v.label == names[v.value] for v in facets["province"] + facets["prefecture"])
    assert {v.label for v in facets["level"]} <= {"省级", "市级", "县级", "乡镇级"}
    assert all(v.label == f"{v.value}年" for v in facets["year"])
    agency = Agency.objects.first()
    selection = select({"agency": str(agency.pk)})
    assert selection.chosen["agency"].labels == [agency.name]


@pytest.mark.parametrize("params", [{}, {"issue_theme": ["执法", "监督"], "year_from": "2021"}])
def test_a_theme_without_a_bit_is_filtered_and_counted_from_the_items(loaded, params):
    Theme.objects.filter(name="执法").update(bit=None)  # as with more themes than bits
    base = Report.objects.all()
    got, ids = _got(params, base, None)
    assert (got, ids) == _reference(params, base)
    assert got["issue_theme"].get("执法", (0,))[0] > 0
