"""Facet counts for the list page, the API and the search: one value list per facet.

Each facet counts over the other facets' filters (exclude-self), so a chosen value's siblings
stay visible with the counts they would give. The search match comes from SQL as an id set;
the filters (facet_filters.py) and the counting run over the facet columns held in memory
(facet_columns.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet

from lawreports.analysis import facets as analysis_facets
from lawreports.analysis.models import Theme
from lawreports.analysis.text.completeness import PART_LABELS
from lawreports.analysis.text.timeliness import LABELS as TIMELINESS_LABELS
from lawreports.reports import facet_columns
from lawreports.reports.facet_filters import filter_masks
from lawreports.reports.filters import FIGURE_BUCKETS, ReportFilter
from lawreports.reports.models import AGENCY_KIND_CHOICES, LEVEL_CHOICES, Report
from lawreports.search.backends import MatchedIds

LEVEL_LABELS = dict(LEVEL_CHOICES)
KIND_LABELS = dict(AGENCY_KIND_CHOICES)

# facet name → (the Report column counted, the column holding the label)
FACETS: dict[str, tuple[str, str | None]] = {
    "province": ("province__code", "province__name"),
    "prefecture": ("prefecture__code", "prefecture__name"),
    "county": ("county__code", "county__name"),
    "year": ("year", None),
    "level": ("level", None),
    "agency_kind": ("agency__kind", None),
}


FACET_TITLES = {
    "province": "省份",
    "prefecture": "地市",
    "county": "区县",
    "year": "年度",
    "level": "层级",
    "agency_kind": "机关类型",
    "has_issues": "自查问题",
    "timeliness": "及时性",
    "missing_part": "缺少部分",
    "issue_theme": "问题主题",
    "plan_theme": "计划主题",
    "figures": "具体数字",
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(
    params: dict[str, str], base: QuerySet[Report], *, matched: MatchedIds | None = None
) -> dict[str, list[FacetValue]]:
    return facets_and_ids(params, base, matched=matched)[0]


def facets_and_ids(
    params: dict[str, str], base: QuerySet[Report], *, matched: MatchedIds | None = None
) -> tuple[dict[str, list[FacetValue]], np.ndarray]:
    """The facets, and the ids (ascending) of the reports all filters leave. `base` is every
    report or a search's; `matched`, when given, is that search's id set (saves reading it
    back)."""
    columns = facet_columns.current(base.db)
    if matched is not None:
        within = columns.mask_of_match(matched)
    elif base.query.where:
        within = columns.mask_of_queryset(base)
    else:
        within = columns.all()
    themes = list(Theme.objects.using(base.db).all())
    masks = filter_masks(params, columns, Report.objects.using(base.db), themes)

    def others(name: str | None) -> np.ndarray:
        mask = within.copy()
        for other, other_mask in masks.items():
            if other != name:
                mask &= other_mask
        return mask

    every = others(None)
    facets: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        if _facet_shown(name, params):
            facets[name] = _values(
                name, columns, every if name not in masks else others(name), params
            )
    facets["has_issues"] = _has_issues(columns, others("has_issues"), params)
    facets["timeliness"] = _timeliness(columns, others("timeliness"), params)
    facets["missing_part"] = _missing_parts(columns, others("missing_part"), params)
    for kind in ("issue", "plan"):
        name = f"{kind}_theme"
        facets[name] = _themes(kind, themes, columns, others(name), params, base)
    facets["figures"] = _figures(columns, others("figures"), params)
    return facets, columns.ids[every]


def _facet_shown(name: str, params: dict[str, str]) -> bool:
    # Drill-down: a level appears once the one above is chosen.
    return not (
        (name == "prefecture" and not params.get("province"))
        or (name == "county" and not params.get("prefecture"))
    )


def _values(
    name: str, columns: facet_columns.FacetColumns, mask: np.ndarray, params: dict[str, str]
) -> list[FacetValue]:
    column, label_column = FACETS[name]
    counted = getattr(columns, name).counts(mask)
    if label_column:  # a region: its code is the value, its name the label
        found = [(*columns.regions[pk], n) for pk, n in counted if pk]
    else:
        found = [(v, None, n) for v, n in counted if v not in ("", -1)]
    found.sort(key=lambda v: v[0], reverse=name == "year")
    return [
        FacetValue(
            value=str(value),
            label=label if label_column else _facet_label(name, {column: value}, column, None),
            count=n,
            selected=params.get(name) == str(value),
        )
        for value, label, n in found
    ]


def _has_issues(
    columns: facet_columns.FacetColumns, mask: np.ndarray, params: dict[str, str]
) -> list[FacetValue]:
    total = int(np.count_nonzero(mask))
    with_issues = int(np.count_nonzero(columns.with_issues & mask))
    chosen = params.get("has_issues", "")
    return [
        FacetValue("true", "承认存在问题", with_issues, chosen in ("true", "True", "1")),
        FacetValue("false", "未列出问题", total - with_issues, chosen in ("false", "False", "0")),
    ]


def _timeliness(
    columns: facet_columns.FacetColumns, mask: np.ndarray, params: dict[str, str]
) -> list[FacetValue]:
    counts = dict(columns.timeliness.counts(mask))
    return [
        FacetValue(key, label, counts[key], params.get("timeliness") == key)
        for key, label in TIMELINESS_LABELS.items()
        if counts.get(key)
    ]


def _missing_parts(
    columns: facet_columns.FacetColumns, mask: np.ndarray, params: dict[str, str]
) -> list[FacetValue]:
    out = []
    for part, label in PART_LABELS.items():
        n = int(np.count_nonzero(columns.missing[part] & mask))
        if n:
            out.append(FacetValue(part, f"缺{label}", n, params.get("missing_part") == part))
    return out


def _figures(
    columns: facet_columns.FacetColumns, mask: np.ndarray, params: dict[str, str]
) -> list[FacetValue]:
    counts = columns.figure_count[mask]
    out = []
    for key, (label, low, high) in FIGURE_BUCKETS.items():
        inside = counts >= low if high is None else (counts >= low) & (counts <= high)
        n = int(np.count_nonzero(inside))
        if n:
            out.append(FacetValue(key, label, n, params.get("figures") == key))
    return out


def _themes(
    kind: str,
    themes: list[Theme],
    columns: facet_columns.FacetColumns,
    mask: np.ndarray,
    params: dict[str, str],
    base: QuerySet[Report],
) -> list[FacetValue]:
    """Reports with an item of each theme, from the reports' theme bits; from the item themes
    while some theme has no bit (more themes than bits)."""
    name = f"{kind}_theme"
    if any(theme.bit is None for theme in themes):
        others = {k: v for k, v in params.items() if k != name}
        counted = analysis_facets.themes(ReportFilter(others, queryset=base).qs, kind)
    else:
        bits = getattr(columns, f"{kind}_themes")[mask]
        counted = [(t.name, t.name, int(np.count_nonzero(bits & t.mask))) for t in themes]
    return [
        FacetValue(value, label, n, params.get(name) == value) for value, label, n in counted if n
    ]


def _facet_label(name: str, row: dict, column: str, label_column: str | None) -> str:
    if label_column:
        return row[label_column]
    if name == "level":
        return LEVEL_LABELS.get(row[column], row[column])
    if name == "agency_kind":
        return KIND_LABELS.get(row[column], row[column])
    return f"{row[column]}年" if name == "year" else str(row[column])
