"""Shape a Browse for templates and JSON: facet links, chips, the heading, page links, the API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, QueryDict
from django.urls import reverse

from lawreports.browsing import registry, selectors
from lawreports.browsing.kinds import Chosen, Facet, Kind
from lawreports.browsing.selectors import Browse
from lawreports.browsing.variants import RelatedFacet

QUOTES = "\"“”「」'"


def _dependents(name: str) -> list[str]:
    """The tree levels below `name` (removing a region also removes the levels below it)."""
    below = [f.name for f in registry.FACETS if f.parent == name]
    return below + [d for b in below for d in _dependents(b)]


def _url(query: QueryDict) -> str:
    query.pop("page", None)
    encoded = query.urlencode()
    return reverse("reports:list") + (f"?{encoded}" if encoded else "")


def url_with(params: QueryDict, **changes: str | None) -> str:
    """The list URL with parameters replaced (None removes one, and the tree levels below
    it); the page resets unless given."""
    query = params.copy()
    page = changes.pop("page", None)
    for key, value in changes.items():
        query.pop(key, None)
        if value is None:
            for dependent in _dependents(key):
                query.pop(dependent, None)
        else:
            query[key] = value
    url = _url(query)
    if page is not None:
        url += ("&" if "?" in url else "?") + f"page={page}"
    return url


def toggle_url(params: QueryDict, name: str, value: str) -> str:
    """The list URL with one facet value added or, when chosen, removed (with the levels
    below it). A SINGLE facet's value replaces the one chosen."""
    facet = registry.BY_NAME[name]
    query = params.copy()
    values = query.getlist(name)
    if value in values:
        query.setlist(name, [v for v in values if v != value])
        for dependent in _dependents(name):
            query.pop(dependent, None)
    elif facet.kind is Kind.SINGLE:
        query.setlist(name, [value])
    else:
        query.setlist(name, [*values, value])
    return _url(query)


def _without(params: QueryDict, names: list[str], value: str | None = None) -> str:
    query = params.copy()
    for name in names:
        kept = [v for v in query.getlist(name) if value is not None and v != value]
        query.setlist(name, kept)
        if value is None or not kept:
            for dependent in _dependents(name):
                query.pop(dependent, None)
    return _url(query)


def range_label(facet: Facet, chosen: Chosen) -> str:
    low, high = chosen.low, chosen.high
    if low is not None and high is not None:
        return f"{low}–{high}年" if low != high else f"{low}年"
    return f"{low}年起" if low is not None else f"{high}年及以前"


def _value_text(facet: Facet, chosen: Chosen) -> str:
    text = "或".join(chosen.labels)
    if chosen.low is not None or chosen.high is not None:
        text = f"{text}（{range_label(facet, chosen)}）" if text else range_label(facet, chosen)
    return text


def chips(params: QueryDict, browse: Browse) -> list[dict[str, str]]:
    """One chip per filter value in force (values that could not apply get none)."""
    result = []
    if browse.query:
        result.append(
            {"key": "q", "name": "检索", "label": query_display(browse.query),
             "remove_url": _without(params, ["q"])}
        )  # fmt: skip
    for facet, chosen in browse.selection.active():
        for key, label in zip(chosen.keys, chosen.labels, strict=True):
            chip = {"key": facet.name, "name": facet.label, "label": label}
            result.append(chip | {"remove_url": _without(params, [facet.name], key)})
        if chosen.low is not None or chosen.high is not None:
            chip = {"key": facet.name, "name": facet.label, "label": range_label(facet, chosen)}
            names = [f"{facet.name}_from", f"{facet.name}_to"]
            result.append(chip | {"remove_url": _without(params, names)})
    return result


OPEN_GROUPS = ("province", "year")  # facet groups open before anything is chosen


def open_groups(browse: Browse) -> set[str]:
    """Facet groups shown open: the first ones, those in force and the tree levels below."""
    chosen = {facet.name for facet, _ in browse.selection.active()}
    below = {f.name for f in registry.FACETS if f.parent in chosen}
    return {*OPEN_GROUPS, *chosen, *below}


def query_display(query: str) -> str:
    """The search as typed, in quotation marks unless it has its own."""
    return query if any(c in query for c in QUOTES) else f"“{query}”"


def heading(browse: Browse) -> str:
    """The results heading: the search and every filter in force."""
    parts = [query_display(browse.query)] if browse.query else []
    parts += [f"{f.label}：{_value_text(f, c)}" for f, c in browse.selection.active()]
    return "；".join(parts) if parts else "全部报告"


def page_links(params: QueryDict, browse: Browse) -> dict[str, Any]:
    def link(page: int) -> str:
        return url_with(params, page=str(page))

    window = range(max(1, browse.page - 3), min(browse.pages, browse.page + 3) + 1)
    return {
        # the first row's number on this page, for <ol start>
        "start": (browse.page - 1) * selectors.PAGE_SIZE + 1,
        "previous": link(browse.page - 1) if browse.page > 1 else None,
        "next": link(browse.page + 1) if browse.page < browse.pages else None,
        "pages": [{"number": n, "url": link(n), "current": n == browse.page} for n in window],
        "first": link(1) if 1 not in window else None,
        "last": link(browse.pages) if browse.pages not in window else None,
    }


def hidden_inputs(params: QueryDict, *, skip: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, value) of every parameter but `skip` and the page, for forms that keep them."""
    return [(k, v) for k, values in params.lists() if k not in (*skip, "page") for v in values]


def browse_json(request: HttpRequest, browse: Browse) -> dict[str, Any]:
    results = []
    for row in browse.rows:
        report = row.report
        url = row.sections[0].section.get_absolute_url() if row.sections else None
        results.append(
            {
                "id": report.pk,
                "title": report.title,
                "agency": report.issuer_name,
                "agency_id": report.agency_id,
                "year": report.year,
                "level": report.level or None,
                "province": report.province.name if report.province else None,
                "prefecture": report.prefecture.name if report.prefecture else None,
                "county": report.county.name if report.county else None,
                "url": request.build_absolute_uri(url or report.get_absolute_url()),
                "snippet": row.snippet,
            }
        )
    return {
        "count": browse.count,
        "in": browse.scope or None,
        "page": browse.page,
        "pages": browse.pages,
        "message": browse.message,
        "filters": {
            facet.name: _filter_json(facet, chosen) for facet, chosen in browse.selection.active()
        },
        "results": results,
        "facets": {
            name: {
                (v.label if isinstance(registry.BY_NAME[name], RelatedFacet) else v.value): v.count
                for v in values
            }
            for name, values in browse.facets.items()
            if registry.BY_NAME[name].counted_in_api
        },
    }


def _filter_json(facet: Facet, chosen: Chosen) -> dict[str, Any]:
    out: dict[str, Any] = {"values": chosen.keys, "labels": chosen.labels}
    if facet.kind is Kind.RANGE:
        out |= {"from": chosen.low, "to": chosen.high}
    return out
