"""Shape selector results for the detail page (the list page's are in browsing.presenters)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

from lawreports.parsing.normalise import to_simplified
from lawreports.reports.models import Report
from lawreports.search import SearchQueryError, parse_query
from lawreports.search.highlight import numbered_marks

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
