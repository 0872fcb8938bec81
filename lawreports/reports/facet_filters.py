"""ReportFilter's filters evaluated over the facet columns, one boolean mask per filter given.

A facet counts over the other facets' filters, so every filter given needs its own report set.
Reading each back from SQL costs 10–35 ms at 100 000 reports (year, level: most of the
table); over the columns it is a comparison. Values are validated and cleaned by
ReportFilter's own form, and a value the form rejects is ignored, as django-filter does; a
filter these columns cannot answer (a theme without a bit) is read from SQL.
"""

from __future__ import annotations

import functools

import numpy as np
from django import forms
from django.db.models import QuerySet

from lawreports.analysis.models import Theme
from lawreports.reports.facet_columns import Categorical, FacetColumns
from lawreports.reports.filters import FIGURE_BUCKETS, ReportFilter
from lawreports.reports.models import Report

EMPTY = ("", None)


@functools.cache
def _form_class() -> type[forms.Form]:
    """ReportFilter's form class, made once: a FilterSet copies all its filters and builds
    this class anew per instance (~5 ms), and only the form's cleaning is needed here."""
    return ReportFilter(queryset=Report.objects.none()).get_form_class()


def filter_masks(
    params: dict[str, str], columns: FacetColumns, reports: QuerySet[Report], themes: list[Theme]
) -> dict[str, np.ndarray]:
    """Filter name → rows it keeps, for every filter `params` sets to a usable value."""
    form = _form_class()(params)
    form.is_valid()
    masks = {}
    for name, value in form.cleaned_data.items():
        if value in EMPTY:
            continue
        mask = _mask(name, value, columns, themes)
        if mask is None:
            one = ReportFilter({name: params[name]}, queryset=reports)
            mask = columns.mask_of_queryset(one.qs)
        masks[name] = mask
    return masks


def _equal(column: Categorical, value: object) -> np.ndarray:
    if value not in column.values:
        return np.zeros(len(column.codes), dtype=bool)
    return column.codes == column.values.index(value)


def _mask(
    name: str, value: object, columns: FacetColumns, themes: list[Theme]
) -> np.ndarray | None:
    analysed = columns.figure_count >= 0
    if name in ("province", "prefecture", "county"):
        column = getattr(columns, name)
        field = 0 if str(value).isdigit() else 1  # a code, or a name (filter_region)
        wanted = {pk for pk, label in columns.regions.items() if label[field] == value}
        return np.isin(column.codes, [i for i, pk in enumerate(column.values) if pk in wanted])
    if name == "year":  # a Decimal, which the integer column truncates (2022.5 → 2022)
        year = int(value)
        return _equal(columns.year, year if year >= 0 else None)  # -1: "no year" here
    if name in ("level", "agency_kind", "timeliness"):
        return _equal(getattr(columns, name), value)
    if name == "has_issues":
        return columns.with_issues if value else ~columns.with_issues
    if name == "missing_part":
        return columns.missing[value]
    if name == "figures":
        _, low, high = FIGURE_BUCKETS[value]
        inside = columns.figure_count >= low
        return inside if high is None else inside & (columns.figure_count <= high)
    if name == "min_figures":
        return analysed & (columns.figure_count >= int(value))  # truncated, as the column does
    if name in ("issue_theme", "plan_theme"):
        if any(theme.bit is None for theme in themes):
            return None
        masks = [t.mask for t in themes if t.name == value]
        bits = columns.issue_themes if name == "issue_theme" else columns.plan_themes
        return (bits & masks[0]) != 0 if masks else np.zeros(len(bits), dtype=bool)
    return None
