"""Full-text search over reports (the search room).

Public interface::

    from lawreports.search import (
        index_report, unindex_report, indexing_suspended, search_reports, SearchQueryError,
    )

    index_report(report: Report | int) -> None
        (Re)index a report with its current sections. Runs in the caller's transaction.
    unindex_report(report_id: int) -> None
    indexing_suspended() -> ContextManager[None]
        Silences the post_save/post_delete signals that otherwise re-index a report when it
        or one of its sections is edited (admin); bulk loaders wrap their writes in it and
        call index_report once.
    search_reports(q: str, reports: QuerySet[Report] | None = None, *,
                   order: "relevance" | "date" = "relevance", scope: str = "") -> SearchResult
        scope "title" | "agency" | "issues" | "plans" restricts where the terms must occur
        (search/scoped.py); with "issues"/"plans" the hits' snippets are the matching items.
        Never raises for user input.
        result.reports  QuerySet[Report]: `reports` filtered to matches (combine with facets);
                        all of `reports` when q is empty; none when q is unusable.
        result.count    exact number of matching reports (GIN/FTS5 index backed).
        result.message  None, or a Chinese message saying why the query is unusable.
        result.page(offset, limit) -> list[ReportHit], ranked (or newest first for "date").
        ReportHit(report, score, title_html, sections=[SectionHit(section, snippet_html,
                  heading_html, matches)]); SectionHit.anchor is the section's anchor.
                  HTML fields are escaped SafeStrings with <mark> around matches.
    parse_query(q) -> ParsedQuery, raising SearchQueryError(message) — for validation.

Syntax: space-separated terms must all occur, each as written (whitespace inside the text
ignored); "…" or “…” quotes a term holding spaces; `a OR b`; `-term` excludes. Traditional and
simplified characters are folded.
`python manage.py reindex` rebuilds everything (needed after editing words.txt).
"""

from typing import Any

__all__ = [
    "SearchQueryError",
    "index_report",
    "indexing_suspended",
    "parse_query",
    "search_reports",
    "unindex_report",
]

_EXPORTS = {
    "SearchQueryError": "lawreports.search.query",
    "parse_query": "lawreports.search.query",
    "index_report": "lawreports.search.indexing",
    "unindex_report": "lawreports.search.indexing",
    "indexing_suspended": "lawreports.search.indexing",
    "search_reports": "lawreports.search.service",
}


def __getattr__(name: str) -> Any:
    # Lazy: Django imports this package before the app registry (and models) are ready.
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
