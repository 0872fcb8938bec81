"""search_reports: the one entry point for the list page, the JSON API and exports."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, F, Func, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from lawreports.reports.models import Report, Section
from lawreports.search import highlight, scoped
from lawreports.search.backends import MatchedIds, get_backend
from lawreports.search.query import ParsedQuery, SearchQueryError, parse_query

Order = Literal["relevance", "date"]
SECTIONS_PER_REPORT = 3
MAX_PAGE = 500


@dataclass
class SectionHit:
    section: Section
    snippet_html: SafeString  # escaped text with <mark>…</mark>
    heading_html: SafeString
    matches: int

    @property
    def anchor(self) -> str:
        return self.section.anchor


@dataclass
class ReportHit:
    report: Report
    score: float
    title_html: SafeString
    sections: list[SectionHit] = field(default_factory=list)


RELATED = ("agency", "region", "province", "prefecture", "county")
# Up to this many matched ids are looked up one by one in the primary key index; more are
# tested while reading the id range.
PROBE_LIMIT = 2000


class InMatchedIds(Func):
    """True for ids in a MatchedIds set: `id BETWEEN low AND high AND id = ANY(<ids>)`, or
    (dense) `id BETWEEN low AND high AND id <> ALL(<ids>)`. The range lets the planner read
    the covering index over it (reports 0004) rather than the table, whatever the share
    matched. Compiled from its expressions, so it survives the alias relabelling of
    subqueries (e.g. `report__in=reports.values("pk")`)."""

    output_field = BooleanField()

    def __init__(self, column, matched: MatchedIds) -> None:
        values = [Value(matched.ids)]
        if matched.low is not None:
            values += [Value(matched.low), Value(matched.high)]
        self.dense = matched.dense
        self.probe = matched.count <= PROBE_LIMIT
        super().__init__(column, *values)

    def as_sql(self, compiler, connection, **extra_context):
        parts = [compiler.compile(e) for e in self.source_expressions]
        (column, column_params), (ids, ids_params) = parts[:2]
        if len(parts) == 2:  # nothing matched
            return f"{column} = ANY({ids}::bigint[])", [*column_params, *ids_params]
        (low, low_params), (high, high_params) = parts[2:]
        if self.dense:
            test = f"{column} <> ALL({ids}::bigint[])"
        elif self.probe:
            test = f"{column} = ANY({ids}::bigint[])"  # an index probe per id
        else:
            # `+ 0` keeps a long list out of the index condition (a descent per id) and
            # lets the range read the index once, testing each id against a hash.
            test = f"({column} + 0) = ANY({ids}::bigint[])"
        sql = f"({column} BETWEEN {low} AND {high} AND {test})"
        return sql, [*column_params, *low_params, *high_params, *column_params, *ids_params]


def _date_order(reports: QuerySet[Report]) -> QuerySet[Report]:
    return reports.select_related(*RELATED).order_by(
        F("published_on").desc(nulls_last=True), F("report_date").desc(nulls_last=True), "-pk"
    )


class SearchResult:
    def __init__(
        self,
        q: str,
        reports: QuerySet[Report],
        order: Order,
        parsed: ParsedQuery | None,
        scope: str = "",
    ) -> None:
        self.q = q
        self.scope = scoped.clean_scope(scope)
        self.order: Order = order if order in ("relevance", "date") else "relevance"
        self.parsed = parsed
        self.message: str | None = None
        self.matched: MatchedIds | None = None  # the match's id set, where the backend has one
        self.ids: np.ndarray | None = None  # `reports`' ids ascending, where known (narrowed)
        # On PostgreSQL the match runs here, once: its ids are passed as a constant to the
        # statements that use `reports` (facets, count, ranking) instead of matching again.
        if parsed is None:
            self.reports = reports.none()
        elif parsed.empty:
            self.reports = reports
        elif self.scope:
            # Short fields, matched where they are stored (search/scoped.py).
            self.reports = reports.filter(scoped.report_condition(parsed, self.scope))
        else:
            backend = get_backend(connections[reports.db])
            matched = self.matched = backend.match_ids(parsed)
            if matched is None:
                sql, params = backend.match_sql(parsed)
                self.reports = reports.filter(pk__in=RawSQL(sql, params))
            else:
                self.reports = reports.filter(InMatchedIds(F("pk"), matched))

    def narrowed(self, reports: QuerySet[Report], ids: np.ndarray | None = None) -> SearchResult:
        """This search over `reports`, a subset of `self.reports` (filters applied to it):
        the matching is not repeated. `ids`, when known, are `reports`' ids ascending."""
        other = copy.copy(self)
        other.__dict__.pop("count", None)
        other.reports = reports
        other.ids = ids
        return other

    @cached_property
    def count(self) -> int:
        return self.reports.count()

    def page(self, offset: int = 0, limit: int = 20) -> list[ReportHit]:
        """Hits `offset:offset+limit` in the chosen order, with matching sections."""
        offset, limit = max(0, int(offset)), max(0, min(int(limit), MAX_PAGE))
        if self.parsed is None or limit == 0:
            return []
        if self.parsed.empty or self.order == "date":
            reports = list(_date_order(self.reports)[offset : offset + limit])
            scored = [(r, 0.0) for r in reports]
        else:
            try:
                filtered = self.reports.order_by().values("pk").query.sql_with_params()
            except EmptyResultSet:  # a filter no row can meet (year=-1): nothing to rank
                return []
            # On the connection the rest of the search reads from (a replica stays one).
            backend = get_backend(connections[self.reports.db])
            ranked = backend.ranked(filtered, self.parsed, offset, limit, ids=self.ids)
            by_id = (
                Report.objects.select_related(*RELATED)
                .defer("original_text", "body_text")  # tens of KB each; lists never show them
                .in_bulk([pk for pk, _ in ranked])
            )
            scored = [(by_id[pk], score) for pk, score in ranked if pk in by_id]
        return self._hits(scored)

    def hits_for(self, reports: list[Report]) -> list[ReportHit]:
        """Highlighted hits for reports already known to match (in their order, score 0)."""
        if self.parsed is None:
            return []
        return self._hits([(r, 0.0) for r in reports])

    def _hits(self, scored: list[tuple[Report, float]]) -> list[ReportHit]:
        needles = self.parsed.needles if self.parsed else ()
        hits = {
            r.pk: ReportHit(r, score, highlight.highlight(r.title, needles)) for r, score in scored
        }
        if self.scope in scoped.ITEM_SCOPES and hits:
            self._item_sections(hits, needles)
        elif needles and hits and not self.scope:
            # A page's reports have ~2 000 sections: they are scored as plain rows, and only
            # the few shown become Section instances with marked snippets.
            rows = (
                Section.objects.filter(report_id__in=list(hits))
                .order_by("report_id", "order")
                .values_list("pk", "report_id", "order", "number", "heading", "body")
            )
            found: dict[int, list[tuple]] = {pk: [] for pk in hits}
            for row in rows:
                heading, body = row[4], row[5]
                matches = 2 * len(highlight.find_spans(heading, needles)) + len(
                    highlight.find_spans(body, needles)
                )
                if matches:
                    found[row[1]].append((matches, row))
            for report_id, matched in found.items():
                # Most matches first (headings count double), then document order.
                best = sorted(matched, key=lambda m: (-m[0], m[1][2]))[:SECTIONS_PER_REPORT]
                hit = hits[report_id]
                hit.sections = [
                    _section_hit(hit.report, row, matches, needles)
                    for matches, row in sorted(best, key=lambda m: m[1][2])
                ]
        return list(hits.values())

    def _item_sections(self, hits: dict[int, ReportHit], needles: tuple[str, ...]) -> None:
        """Scoped to problems or plans: the matching items are the hits' snippets, each
        linking to the section it sits in."""
        from lawreports.reports.models import Issue, Plan

        assert self.parsed is not None
        model = Issue if self.scope == "issues" else Plan
        items = (
            model.objects.filter(scoped.item_condition(self.parsed), report_id__in=list(hits))
            .select_related("section")
            .order_by("report_id", "order")
        )
        for item in items:
            hit = hits[item.report_id]
            if len(hit.sections) >= SECTIONS_PER_REPORT:
                continue
            section = item.section
            section.report = hit.report
            text = item.text or item.headline
            snippet, matches = highlight.snippet(text, needles)
            hit.sections.append(
                SectionHit(
                    section=section,
                    snippet_html=snippet,
                    heading_html=highlight.highlight(section.heading, needles),
                    matches=matches,
                )
            )


def _section_hit(report: Report, row: tuple, matches: int, needles: tuple[str, ...]) -> SectionHit:
    pk, _, order, number, heading, body = row
    section = Section(pk=pk, report=report, order=order, number=number, heading=heading, body=body)
    return SectionHit(
        section=section,
        snippet_html=highlight.snippet(body, needles)[0],
        heading_html=highlight.highlight(heading, needles),
        matches=matches,
    )


def search_reports(
    q: str,
    reports: QuerySet[Report] | None = None,
    *,
    order: Order = "relevance",
    scope: str = "",
) -> SearchResult:
    """Search within `reports` (default: all). Never raises for bad user input: an unusable
    query gives `message` and no reports; an empty query filters nothing. `scope` ("title",
    "agency", "issues", "plans"; anything else means everywhere) restricts where terms count."""
    if reports is None:
        reports = Report.objects.all()
    try:
        parsed: ParsedQuery | None = parse_query(q)
        message = None
    except SearchQueryError as exc:
        parsed, message = None, exc.message
    result = SearchResult(q, reports, order, parsed, scope)
    result.message = message
    return result
