"""Reads: the one query path behind the list page, the search page, the JSON API, exports
and feeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import F, Q, QuerySet

from lawreports.browsing import columns as facet_columns
from lawreports.browsing import registry
from lawreports.browsing.counting import facets_and_ids
from lawreports.browsing.kinds import FacetValue
from lawreports.browsing.params import Selection, as_lists, select
from lawreports.reports.models import Report, Section
from lawreports.search import SearchQueryError, parse_query, search_reports
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
    selection: Selection
    search_message: str | None
    page: int
    pages: int

    @property
    def messages(self) -> list[str]:
        """Why the search or a filter value could not apply."""
        return [m for m in [self.search_message, *self.selection.messages] if m]

    @property
    def message(self) -> str | None:
        return " ".join(self.messages) or None

    @property
    def facet_groups(self) -> list[tuple[str, str, list[FacetValue]]]:
        """(name, title, values) in display order, for templates."""
        return [
            (name, registry.BY_NAME[name].label, values) for name, values in self.facets.items()
        ]


def _one(data: Any, name: str) -> str:
    values = as_lists(data).get(name, [])
    return values[-1] if values else ""


def browse_reports(data: Any, *, page_size: int | None = None) -> Browse:
    """Filter, search, rank, paginate and count facets for one request's parameters."""
    page_size = page_size or PAGE_SIZE
    query = _one(data, "q")
    sort = _one(data, "sort") or ("relevance" if query else "date")
    if sort not in SORTS:
        sort = "date"

    scope = clean_scope(_one(data, "in"))
    base, searched = _searched(query, sort, scope)
    columns = facet_columns.current(base.db)
    selection = select(data, columns)
    facets, ids = facets_and_ids(
        selection,
        base,
        matched=searched.matched if searched is not None else None,
        columns=columns,
    )
    count = len(ids)
    filtered = selection.apply(base)
    pages = max(1, -(-count // page_size))
    try:
        page = min(max(1, int(_one(data, "page") or "1")), pages)
    except ValueError:
        page = 1
    offset = (page - 1) * page_size

    if query and searched is not None and sort == "relevance":
        ranked = searched.narrowed(filtered, ids)
        rows = [_row(hit) for hit in ranked.page(offset, page_size)]
    else:
        reports = list(_ordered(filtered, sort)[offset : offset + page_size])
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
        selection=selection,
        search_message=searched.message if searched is not None else None,
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


class Matching(NamedTuple):
    reports: QuerySet[Report]
    message: str | None  # why the search or a filter value could not apply
    selection: Selection  # the filters in force


def matching_reports(data: Any) -> Matching:
    """Every report the list page would show for these parameters (all pages), in the
    page's order except that relevance becomes date: for exports and feeds."""
    query = _one(data, "q")
    sort = _one(data, "sort") or "date"
    base, searched = _searched(query, "date", clean_scope(_one(data, "in")))
    selection = select(data, facet_columns.current(base.db))
    messages = [searched.message if searched is not None else None, *selection.messages]
    message = " ".join(m for m in messages if m) or None
    return Matching(_ordered(selection.apply(base), sort), message, selection)


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


def matching_items(data: Any, table: str) -> Q | None:
    """For an export of problems or plans from a search scoped to them (in=issues with the
    issues table, in=plans with the plans table): the condition that keeps only the items
    that match the query themselves. None: every item of the matching reports."""
    query = _one(data, "q")
    if not query or clean_scope(_one(data, "in")) != table:
        return None
    try:
        parsed = parse_query(query)
    except SearchQueryError:
        return None  # the reports are none already
    return item_condition(parsed)
