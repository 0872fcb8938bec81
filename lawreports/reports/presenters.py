"""Shape selector results for templates and JSON: chips, page links, the detail page, the API."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

from lawreports.parsing.normalise import to_simplified
from lawreports.reports import selectors
from lawreports.reports.models import Report
from lawreports.reports.selectors import FACET_TITLES, Browse
from lawreports.search import SearchQueryError, parse_query
from lawreports.search.highlight import numbered_marks

# Removing a region also removes the levels below it.
DEPENDENTS = {"province": ("prefecture", "county"), "prefecture": ("county",)}
FILTER_NAMES = {"q": "检索", **FACET_TITLES}


def url_with(params: QueryDict, **changes: str | None) -> str:
    """The list URL with some parameters changed (None removes one); page resets unless given."""
    query = params.copy()
    if "page" not in changes:
        query.pop("page", None)
    for key, value in changes.items():
        query.pop(key, None)
        for dependent in DEPENDENTS.get(key, ()) if value is None else ():
            query.pop(dependent, None)
        if value is not None:
            query[key] = value
    encoded = query.urlencode()
    return reverse("reports:list") + (f"?{encoded}" if encoded else "")


def chips(params: QueryDict, browse: Browse) -> list[dict[str, str]]:
    labels = {
        (name, value.value): value.label
        for name, values in browse.facets.items()
        for value in values
    }
    result = []
    for name, title in FILTER_NAMES.items():
        value = params.get(name, "").strip()
        if not value:
            continue
        label = labels.get((name, value), value)
        remove_url = url_with(params, **{name: None})
        result.append({"key": name, "name": title, "label": label, "remove_url": remove_url})
    return result


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


def browse_json(request: HttpRequest, browse: Browse) -> dict[str, Any]:
    results = []
    for row in browse.rows:
        report = row.report
        results.append(
            {
                "id": report.pk,
                "title": report.title,
                "agency": report.agency.name,
                "year": report.year,
                "level": report.level or None,
                "province": report.province.name if report.province else None,
                "prefecture": report.prefecture.name if report.prefecture else None,
                "county": report.county.name if report.county else None,
                "url": request.build_absolute_uri(
                    row.sections[0].section.get_absolute_url()
                    if row.sections
                    else report.get_absolute_url()
                ),
                "snippet": row.snippet,
            }
        )
    return {
        "count": browse.count,
        "in": browse.scope or None,
        "page": browse.page,
        "pages": browse.pages,
        "message": browse.message,
        "results": results,
        "facets": {
            name: {_facet_key(name, value): value.count for value in values}
            for name, values in browse.facets.items()
            if name in ("year", "level", "province", "prefecture", "county", "agency_kind")
        },
    }


def _facet_key(name: str, value: Any) -> str:
    """Regions are keyed by name (the filter takes a name or a code); the rest by value."""
    return value.label if name in ("province", "prefecture", "county") else value.value


# ---- the detail page -------------------------------------------------------------------


def _beyond_headline(headline: str, text: str) -> str:
    """What an item's text says beyond its headline; empty when it only repeats it."""
    text = text.strip()
    if text.startswith(headline):
        text = text[len(headline) :].lstrip("。；;，,：:\n ")
    elif headline in text and len(text) - len(headline) <= 12:
        text = ""  # "一是{headline}；"
    return text if len(text) > 12 else ""


def curated_labels(report: Report) -> list[str]:
    """Verbose names of the fields a curator corrected in the admin."""
    labels = []
    for name in report.curated_fields or []:
        try:
            labels.append(str(Report._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            labels.append(name)
    return labels


def simplify_detail(context: dict[str, Any]) -> dict[str, Any]:
    """Convert what the selector leaves as written (metadata, item texts) in the simplified
    view, so nothing on the page stays traditional; the written view gets lang=zh-Hant."""
    report = context["report"]
    convert = to_simplified if context.get("simplified") else (lambda s: s)
    for item in [*context["issues"], *context["plans"]]:
        item.display_headline = convert(getattr(item, "display_headline", item.headline))
        item.display_more = convert(_beyond_headline(item.headline, item.text))
    context["meta"] = {
        name: convert(getattr(report, name) or "")
        for name in ("index_no", "doc_no", "source", "addressed_to")
    }
    context["lang"] = (
        "zh-Hant" if report.script == "traditional" and not context.get("simplified") else ""
    )
    context["curated"] = curated_labels(report)
    return context


def _paragraphs(html: SafeString) -> SafeString:
    """What the |linebreaks filter makes of text, for HTML that is already escaped."""
    return mark_safe(linebreaks(html))


def mark_search(context: dict[str, Any], q: str) -> dict[str, Any]:
    """A report opened from a search: its terms marked and numbered through the full text
    (preamble, headings, bodies), for the page's next/previous control."""
    try:
        needles = parse_query(q).needles
    except SearchQueryError:
        needles = ()
    if not needles:
        return context
    count = 0
    if context.get("preamble"):
        html, n = numbered_marks(context["preamble"], needles, count + 1)
        context["preamble_html"], count = _paragraphs(html), count + n
    for section in context["sections"]:
        html, n = numbered_marks(section.display_heading, needles, count + 1)
        section.heading_html, count = html, count + n
        html, n = numbered_marks(section.display_body, needles, count + 1)
        section.body_html, count = _paragraphs(html), count + n
    context["search"] = {"q": q, "hits": count}
    return context
