"""Reads: the one query path behind the list page, the search page and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from lawreports.analysis.selectors import report_analysis
from lawreports.parsing.normalise import to_simplified
from lawreports.reports.facets import (
    FACET_TITLES,
    LEVEL_LABELS,
    FacetValue,
    facets_and_ids,
)
from lawreports.reports.filters import ReportFilter
from lawreports.reports.models import (
    Issue,
    Plan,
    Region,
    Report,
    Section,
)
from lawreports.search import parse_query, search_reports
from lawreports.search.query import SearchQueryError
from lawreports.search.scoped import clean_scope, item_condition

PAGE_SIZE = 20
SORTS = {"relevance": "相关度", "date": "日期", "region": "地区", "figures": "具体数字"}


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
    scope: str  # "" (everywhere) or a key of search.scoped.SCOPES
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

    scope = clean_scope(params.get("in"))
    base, searched = _searched(query, sort, scope)
    message = searched.message if searched is not None else None
    facets, ids = facets_and_ids(
        params, base, matched=searched.matched if searched is not None else None
    )
    count = len(ids)
    filtered = ReportFilter(params, queryset=base).qs
    pages = max(1, -(-count // page_size))
    try:
        page = min(max(1, int(params.get("page", "1"))), pages)
    except ValueError:
        page = 1
    offset = (page - 1) * page_size

    if query and searched is not None and sort == "relevance":
        ranked = searched.narrowed(filtered, ids)
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
        scope=scope,
        sort=sort,
        count=count,
        rows=rows,
        facets=facets,
        message=message,
        page=page,
        pages=pages,
    )


def _searched(query: str, sort: str, scope: str = ""):
    """The reports matching `query` (all when empty) and the search result, if any."""
    base: QuerySet[Report] = Report.objects.all()
    if not query:
        return base, None
    order = "date" if sort == "date" else "relevance"
    searched = search_reports(query, base, order=order, scope=scope)
    return searched.reports, searched


def matching_reports(data: QueryDict | dict[str, Any]) -> tuple[QuerySet[Report], str | None]:
    """Every report the list page would show for these parameters (all pages), in the
    page's order except that relevance becomes date: for exports and feeds."""
    params = _params(data)
    query = params.get("q", "")
    sort = params.get("sort") or "date"
    base, searched = _searched(query, "date", clean_scope(params.get("in")))
    reports = ReportFilter(params, queryset=base).qs
    return _ordered(reports, sort), searched.message if searched is not None else None


def matching_items(data: QueryDict | dict[str, Any], table: str) -> Q | None:
    """For an export of problems or plans from a search scoped to them (in=issues with the
    issues table, in=plans with the plans table): the condition that keeps only the items
    that match the query themselves. None: every item of the matching reports."""
    params = _params(data)
    scope = clean_scope(params.get("in"))
    if not params.get("q") or scope != table:
        return None
    try:
        parsed = parse_query(params["q"])
    except SearchQueryError:
        return None  # the reports are none already
    return item_condition(parsed)


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
