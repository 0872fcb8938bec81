"""Shape selector results for the detail page (the list page's are in browsing.presenters)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist

from lawreports.parsing.normalise import to_simplified
from lawreports.reports.models import Report

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
