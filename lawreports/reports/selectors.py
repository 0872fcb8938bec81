"""Reads: the one query path behind the list page, the search page and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from lawreports.analysis import facets as analysis_facets
from lawreports.analysis.models import ReportAnalysis
from lawreports.analysis.selectors import report_analysis
from lawreports.analysis.text.completeness import PART_LABELS
from lawreports.analysis.text.timeliness import LABELS as TIMELINESS_LABELS
from lawreports.parsing.normalise import to_simplified
from lawreports.reports.filters import FIGURE_BUCKETS, ReportFilter
from lawreports.reports.models import (
    AGENCY_KIND_CHOICES,
    LEVEL_CHOICES,
    Agency,
    Issue,
    Plan,
    Region,
    Report,
    Section,
)
from lawreports.search import search_reports

PAGE_SIZE = 20
SORTS = {"relevance": "相关度", "date": "日期", "region": "地区", "figures": "具体数字"}
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


@dataclass
class SectionMatch:
    section: Section
    snippet: str  # safe HTML with <mark>


@dataclass
class ReportRow:
    report: Report
    sections: list[SectionMatch] = field(default_factory=list)
    snippet: str = ""  # best snippet, safe HTML


@dataclass
class Browse:
    query: str
    sort: str
    count: int
    rows: list[ReportRow]
    facets: dict[str, list[FacetValue]]
    message: str | None
    page: int
    pages: int

    @property
    def facet_groups(self) -> list[tuple[str, str, list[FacetValue]]]:
        """(name, title, values) in display order, for templates."""
        return [
            (name, FACET_TITLES.get(name, name), values)
            for name, values in self.facets.items()
            if values
        ]


def _params(data: QueryDict | dict[str, Any]) -> dict[str, str]:
    return {k: str(v).strip() for k, v in data.items() if str(v).strip()}


def browse_reports(data: QueryDict | dict[str, Any], *, page_size: int | None = None) -> Browse:
    """Filter, search, rank, paginate and count facets for one request's parameters."""
    page_size = page_size or PAGE_SIZE
    params = _params(data)
    query = params.get("q", "")
    sort = params.get("sort") or ("relevance" if query else "date")
    if sort not in SORTS:
        sort = "date"

    base, searched = _searched(query, sort)
    message = searched.message if searched is not None else None
    facets, total = _facets_and_total(params, base)
    filtered = ReportFilter(params, queryset=base).qs
    count = total if total is not None else filtered.count()
    pages = max(1, -(-count // page_size))
    try:
        page = min(max(1, int(params.get("page", "1"))), pages)
    except ValueError:
        page = 1
    offset = (page - 1) * page_size

    if query and searched is not None and sort == "relevance":
        ranked = searched.narrowed(filtered)
        rows = [_row(hit) for hit in ranked.page(offset, page_size)]
    else:
        ordered = _ordered(filtered, sort)
        reports = list(ordered[offset : offset + page_size])
        rows = [ReportRow(report=r) for r in reports]
        if query and searched is not None:
            # Every report here matched already: highlight them without searching again.
            by_id = {hit.report.pk: hit for hit in searched.hits_for(reports)}
            rows = [_row(by_id[r.pk]) if r.pk in by_id else ReportRow(report=r) for r in reports]

    return Browse(
        query=query,
        sort=sort,
        count=count,
        rows=rows,
        facets=facets,
        message=message,
        page=page,
        pages=pages,
    )


def _searched(query: str, sort: str):
    """The reports matching `query` (all when empty) and the search result, if any."""
    base: QuerySet[Report] = Report.objects.all()
    if not query:
        return base, None
    searched = search_reports(query, base, order="date" if sort == "date" else "relevance")
    return searched.reports, searched


def matching_reports(data: QueryDict | dict[str, Any]) -> tuple[QuerySet[Report], str | None]:
    """Every report the list page would show for these parameters (all pages), in the
    page's order except that relevance becomes date: for exports and feeds."""
    params = _params(data)
    query = params.get("q", "")
    sort = params.get("sort") or "date"
    base, searched = _searched(query, "date")
    reports = ReportFilter(params, queryset=base).qs
    return _ordered(reports, sort), searched.message if searched is not None else None


def _ordered(reports: QuerySet[Report], sort: str) -> QuerySet[Report]:
    reports = reports.select_related("agency", "province", "prefecture", "county")
    if sort == "figures":
        return reports.order_by(F("analysis__figure_count").desc(nulls_last=True), "-year", "-pk")
    if sort == "region":
        return reports.order_by("province__code", "prefecture__code", "county__code", "-year", "pk")
    return reports.order_by("-year", "-published_on", "-pk")


def _row(hit) -> ReportRow:
    sections = [SectionMatch(s.section, s.snippet_html) for s in hit.sections]
    return ReportRow(
        report=hit.report, sections=sections, snippet=sections[0].snippet if sections else ""
    )


def facet_counts(params: dict[str, str], base: QuerySet[Report]) -> dict[str, list[FacetValue]]:
    """Counts per facet value over the other facets' filters, so a chosen value's siblings
    stay visible with the counts they would give. On PostgreSQL every facet whose own filter
    is not set is counted over the same filtered reports, so all of those come from one
    GROUPING SETS query; a facet whose own filter is set needs its own query."""
    return _facets_and_total(params, base)[0]


def _facets_and_total(
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
    if "figures" in totals:
        buckets = total_row[2 + len(PART_LABELS) :]
        out["figures"] = [
            FacetValue(key, label, n, False)
            for (key, (label, _, _)), n in zip(FIGURE_BUCKETS.items(), buckets, strict=True)
            if n
        ]
    return out, total_row[0]


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


def archive_overview() -> dict[str, Any]:
    """The home page: totals, reports per year and per province, recent additions."""
    reports = Report.objects.all()
    per_year = list(
        reports.exclude(year__isnull=True).values("year").annotate(n=Count("pk")).order_by("year")
    )
    per_province = list(
        reports.exclude(province__isnull=True)
        .values("province__code", "province__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "province__code")
    )
    return {
        "total": reports.count(),
        "agencies": reports.values("agency").distinct().count(),
        "issues": Issue.objects.count(),
        "plans": Plan.objects.count(),
        "per_year": per_year,
        "per_province": per_province,
        "recent": reports.select_related("agency", "province").order_by("-created_at", "-pk")[:8],
    }


def report_detail(pk: int, *, simplified: bool = False) -> dict[str, Any]:
    report = get_object_or_404(
        Report.objects.select_related(
            "agency", "region", "province", "prefecture", "county", "township"
        ),
        pk=pk,
    )
    sections = list(report.sections.all())
    convert = to_simplified if simplified and report.script == "traditional" else (lambda s: s)
    for section in sections:
        section.display_heading = convert(section.heading)
        section.display_body = convert(section.body)
    issues = list(report.issues.select_related("section"))
    plans = list(report.plans.select_related("section"))
    for item in issues + plans:
        item.display_headline = convert(item.headline)
    other_years = (
        Report.objects.filter(agency=report.agency)
        .exclude(pk=report.pk)
        .order_by("-year")
        .only("pk", "year", "title")
    )
    return {
        "report": report,
        "title": convert(report.title),
        "preamble": convert(report.preamble),
        "sections": sections,
        "outline": [s for s in sections if s.depth <= 1],
        "issues": issues,
        "plans": plans,
        "other_years": other_years,
        "simplified": simplified and report.script == "traditional",
        "analysis": report_analysis(report, issues=issues, plans=plans),
    }


def report_for_original(pk: int) -> Report:
    return get_object_or_404(Report.objects.only("original_text"), pk=pk)


def region_overview(region: Region) -> dict[str, Any]:
    column = {"province": "province", "prefecture": "prefecture", "county": "county"}.get(
        region.level, "township"
    )
    reports = (
        Report.objects.filter(**{column: region})
        .select_related("agency")
        .order_by("-year", "agency__name")
    )
    by_year: dict[int | None, list[Report]] = {}
    for report in reports:
        by_year.setdefault(report.year, []).append(report)
    # Count through the denormalised path: a prefecture's reports include its counties'.
    below = {"province": "prefecture", "prefecture": "county", "county": "township"}
    child_counts = (
        dict(reports.order_by().values_list(f"{below[column]}__code").annotate(n=Count("pk")))
        if column in below
        else {}
    )
    children = list(Region.objects.filter(parent=region).order_by("code"))
    for child in children:
        child.n = child_counts.get(child.code, 0)
    return {
        "region": region,
        "ancestors": region.ancestors()[:-1],
        "by_year": sorted(by_year.items(), key=lambda kv: -(kv[0] or 0)),
        "children": children,
        "count": reports.count(),
    }


def year_overview(year: int) -> dict[str, Any]:
    reports = Report.objects.filter(year=year)
    per_province = (
        reports.exclude(province__isnull=True)
        .values("province__code", "province__name")
        .annotate(n=Count("pk"))
        .order_by("province__code")
    )
    per_level = reports.values("level").annotate(n=Count("pk")).order_by("level")
    return {
        "year": year,
        "count": reports.count(),
        "per_province": per_province,
        "per_level": [
            {"label": LEVEL_LABELS.get(r["level"], "未知"), "n": r["n"]} for r in per_level
        ],
        "reports": reports.select_related("agency", "province").order_by("province__code", "pk")[
            :200
        ],
    }
