"""Facet counts for the list page, the API and the search: one value list per facet.

Each facet counts over the other facets' filters (exclude-self), so a chosen value's siblings
stay visible with the counts they would give.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, QuerySet

from lawreports.analysis import facets as analysis_facets
from lawreports.analysis.models import ReportAnalysis, Theme
from lawreports.analysis.text.completeness import PART_LABELS
from lawreports.analysis.text.timeliness import LABELS as TIMELINESS_LABELS
from lawreports.reports.filters import FIGURE_BUCKETS, ReportFilter
from lawreports.reports.models import (
    AGENCY_KIND_CHOICES,
    LEVEL_CHOICES,
    Agency,
    Region,
    Report,
)

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


def facet_counts(params: dict[str, str], base: QuerySet[Report]) -> dict[str, list[FacetValue]]:
    """Counts per facet value over the other facets' filters, so a chosen value's siblings
    stay visible with the counts they would give. On PostgreSQL every facet whose own filter
    is not set is counted over the same filtered reports, so all of those come from one
    GROUPING SETS query; a facet whose own filter is set needs its own query."""
    return facets_and_total(params, base)[0]


def facets_and_total(
    params: dict[str, str], base: QuerySet[Report]
) -> tuple[dict[str, list[FacetValue]], int | None]:
    """The facets, and (PostgreSQL) the number of reports all filters leave, which the
    grouped query counts anyway."""
    grouped, total = (
        _grouped_facets(params, base) if connection.vendor == "postgresql" else ({}, None)
    )
    facets: dict[str, list[FacetValue]] = {}
    for name, (column, label_column) in FACETS.items():
        if not _facet_shown(name, params):
            continue
        if name in grouped:
            facets[name] = grouped[name]
            continue
        others = {k: v for k, v in params.items() if k != name}
        reports = ReportFilter(others, queryset=base).qs.exclude(**{f"{column}__isnull": True})
        columns = [column] + ([label_column] if label_column else [])
        rows = (
            reports.values(*columns).annotate(n=Count("pk")).order_by(*_facet_order(name, column))
        )
        facets[name] = [
            FacetValue(
                value=str(row[column]),
                label=_facet_label(name, row, column, label_column),
                count=row["n"],
                selected=params.get(name) == str(row[column]),
            )
            for row in rows
            if row[column] not in ("", None)
        ]
    if "has_issues" in grouped:
        facets["has_issues"] = grouped["has_issues"]
    else:
        facets["has_issues"] = _has_issues_facet(params, base)
    facets.update(_analysis_facets(params, base, grouped))
    return facets, total


def _facet_shown(name: str, params: dict[str, str]) -> bool:
    # Drill-down: a level appears once the one above is chosen.
    return not (
        (name == "prefecture" and not params.get("province"))
        or (name == "county" and not params.get("prefecture"))
    )


# facet → (the filtered report's column or joined expression counted per row, the join it
# needs then, the join its label needs after the rows are grouped, the grouped expressions:
# value first, label second if any)
_GROUPED = {
    "province": ("f.province_id", "", "p", ["p.code", "p.name"]),
    "prefecture": ("f.prefecture_id", "", "pf", ["pf.code", "pf.name"]),
    "county": ("f.county_id", "", "ct", ["ct.code", "ct.name"]),
    "year": ("f.year", "", "", ["g.year"]),
    "level": ("f.level", "", "", ["g.level"]),
    "agency_kind": ("a.kind", "a", "", ["g.kind"]),
    "timeliness": ("an.timeliness", "an", "", ["g.timeliness"]),
}
_JOINS = {
    "p": f"LEFT JOIN {Region._meta.db_table} p ON p.id = g.province_id",
    "pf": f"LEFT JOIN {Region._meta.db_table} pf ON pf.id = g.prefecture_id",
    "ct": f"LEFT JOIN {Region._meta.db_table} ct ON ct.id = g.county_id",
    "a": f"JOIN {Agency._meta.db_table} a ON a.id = f.agency_id",
    "an": f"LEFT JOIN {ReportAnalysis._meta.db_table} an ON an.report_id = f.id",
}


def _grouped_facets(
    params: dict[str, str], base: QuerySet[Report]
) -> tuple[dict[str, list[FacetValue]], int]:
    """Every facet whose own filter is unset, from one scan of the filtered reports; same
    values, labels, order and counts as the per-facet queries of facet_counts. The rows are
    first counted per combination of the facets' raw values (a plain GROUP BY, which runs in
    parallel and groups ~100k rows into a few thousand), then those counts are summed per
    grouping set, after the region labels are joined to the few groups."""
    names = [n for n in FACETS if _facet_shown(n, params) and n not in params]
    if "timeliness" not in params:
        names.append("timeliness")
    totals = [n for n in ("has_issues", "missing_part", "figures") if n not in params]
    joins = {_GROUPED[n][1] for n in names if _GROUPED[n][1]}
    if "missing_part" in totals or "figures" in totals:
        joins.add("an")
    label_joins = sorted({_GROUPED[n][2] for n in names if _GROUPED[n][2]})
    keys: list[str] = []
    select: list[str] = []
    sets: list[str] = []
    for name in names:
        keys.append(_GROUPED[name][0])
        exprs = _GROUPED[name][3]
        select += exprs + [f"GROUPING({exprs[0]})"]
        sets.append("(" + ", ".join(exprs) + ")")
    key_aliases = [
        {"a": "kind", "an": "timeliness"}.get(_GROUPED[n][1], key.removeprefix("f."))
        for n, key in zip(names, keys, strict=True)
    ]
    aggregates = ["count(*)", "count(*) FILTER (WHERE f.issue_count > 0)"]
    aggregates += [f"count(*) FILTER (WHERE an.{part} = '')" for part in PART_LABELS]
    for _, low, high in FIGURE_BUCKETS.values():
        cond = f"an.figure_count >= {int(low)}"
        if high is not None:
            cond += f" AND an.figure_count <= {int(high)}"
        aggregates.append(f"count(*) FILTER (WHERE {cond})")
    theme_kinds, themes = _theme_bits(params)
    if theme_kinds:
        joins.add("an")
    for kind in theme_kinds:
        aggregates += [
            f"count(*) FILTER (WHERE (an.{kind}_themes & {theme.mask}) <> 0)" for theme in themes
        ]
    columns = ["pk", "year", "level", "issue_count", "province", "prefecture", "county", "agency"]
    aliases = "id, year, level, issue_count, province_id, prefecture_id, county_id, agency_id"
    inner = ReportFilter(params, queryset=base).qs.order_by().values(*columns)
    try:
        inner_sql, inner_params = inner.query.sql_with_params()
    except EmptyResultSet:  # an unusable query: nothing matches
        inner_sql, inner_params = "SELECT " + ", ".join(["NULL::bigint"] * 8) + " WHERE false", []
    counted = [f"{agg} AS n{i}" for i, agg in enumerate(aggregates)]
    grouped = (
        "SELECT "
        + ", ".join([f"{k} AS {a}" for k, a in zip(keys, key_aliases, strict=True)] + counted)
        + f" FROM ({inner_sql}) AS f({aliases}) "
        + " ".join(_JOINS[j] for j in sorted(joins))
        + (" GROUP BY " + ", ".join(str(i) for i in range(1, len(keys) + 1)) if keys else "")
    )
    sums = [f"coalesce(sum(g.n{i}), 0)::bigint" for i in range(len(aggregates))]
    sql = (
        f"SELECT {', '.join(select + sums)} FROM ({grouped}) AS g "
        + " ".join(_JOINS[j] for j in label_joins)
        + f" GROUP BY GROUPING SETS ({', '.join([*sets, '()'])})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, inner_params)
        rows = cursor.fetchall()

    values: dict[str, list[tuple]] = {name: [] for name in names}
    total_row: tuple = ()
    for row in rows:
        i = 0
        for name in names:
            width = len(_GROUPED[name][3])
            if row[i + width] == 0:  # grouped by this facet's expressions
                values[name].append(row[i : i + width] + (row[len(select)],))
                break
            i += width + 1
        else:
            total_row = row[len(select) :]
    out: dict[str, list[FacetValue]] = {}
    for name in names:
        if name == "timeliness":
            counts = {v: n for v, n in values[name] if v is not None}
            out[name] = [
                FacetValue(key, label, counts[key], params.get(name) == key)
                for key, label in TIMELINESS_LABELS.items()
                if counts.get(key)
            ]
            continue
        column, label_column = FACETS[name]
        found = [v for v in values[name] if v[0] not in ("", None)]
        found.sort(key=lambda v: v[0], reverse=name == "year")
        out[name] = [
            FacetValue(
                value=str(v[0]),
                label=v[1] if label_column else _facet_label(name, {column: v[0]}, column, None),
                count=v[-1],
                selected=params.get(name) == str(v[0]),
            )
            for v in found
        ]
    if not total_row:
        total_row = (0,) * len(aggregates)
    if "has_issues" in totals:
        total, with_issues = total_row[0], total_row[1]
        out["has_issues"] = [
            FacetValue("true", "承认存在问题", with_issues, False),
            FacetValue("false", "未列出问题", total - with_issues, False),
        ]
    if "missing_part" in totals:
        parts = total_row[2 : 2 + len(PART_LABELS)]
        out["missing_part"] = [
            FacetValue(part, f"缺{label}", n, False)
            for (part, label), n in zip(PART_LABELS.items(), parts, strict=True)
            if n
        ]
    start = 2 + len(PART_LABELS)
    if "figures" in totals:
        buckets = total_row[start : start + len(FIGURE_BUCKETS)]
        out["figures"] = [
            FacetValue(key, label, n, False)
            for (key, (label, _, _)), n in zip(FIGURE_BUCKETS.items(), buckets, strict=True)
            if n
        ]
    start += len(FIGURE_BUCKETS)
    for kind in theme_kinds:
        counts = total_row[start : start + len(themes)]
        out[f"{kind}_theme"] = [
            FacetValue(t.name, t.name, n, False) for t, n in zip(themes, counts, strict=True) if n
        ]
        start += len(themes)
    return out, total_row[0]


def _theme_bits(params: dict[str, str]) -> tuple[list[str], list[Theme]]:
    """The theme facets the grouped query can count from the reports' theme bits: those
    whose own filter is unset, if every theme has a bit."""
    kinds = [kind for kind in ("issue", "plan") if f"{kind}_theme" not in params]
    themes = list(Theme.objects.all()) if kinds else []
    if any(theme.bit is None for theme in themes):
        return [], []
    return kinds, themes


def _analysis_facets(
    params: dict[str, str], base: QuerySet[Report], grouped: dict[str, list[FacetValue]]
) -> dict[str, list[FacetValue]]:
    counters = {
        "timeliness": analysis_facets.timeliness,
        "missing_part": analysis_facets.missing_parts,
        "issue_theme": lambda reports: analysis_facets.themes(reports, "issue"),
        "plan_theme": lambda reports: analysis_facets.themes(reports, "plan"),
        "figures": analysis_facets.figure_buckets,
    }
    facets = {}
    for name, count in counters.items():
        if name in grouped:
            facets[name] = grouped[name]
            continue
        others = {k: v for k, v in params.items() if k != name}
        reports = ReportFilter(others, queryset=base).qs
        facets[name] = [
            FacetValue(value, label, n, params.get(name) == value)
            for value, label, n in count(reports)
        ]
    return facets


def _facet_order(name: str, column: str) -> list[str]:
    return ["-" + column] if name == "year" else [column]


def _facet_label(name: str, row: dict, column: str, label_column: str | None) -> str:
    if label_column:
        return row[label_column]
    if name == "level":
        return LEVEL_LABELS.get(row[column], row[column])
    if name == "agency_kind":
        return KIND_LABELS.get(row[column], row[column])
    return f"{row[column]}年" if name == "year" else str(row[column])


def _has_issues_facet(params: dict[str, str], base: QuerySet[Report]) -> list[FacetValue]:
    others = {k: v for k, v in params.items() if k != "has_issues"}
    reports = ReportFilter(others, queryset=base).qs
    with_issues = reports.filter(issue_count__gt=0).count()
    total = reports.count()
    chosen = params.get("has_issues", "")
    return [
        FacetValue("true", "承认存在问题", with_issues, chosen in ("true", "True", "1")),
        FacetValue("false", "未列出问题", total - with_issues, chosen in ("false", "False", "0")),
    ]
