"""Reads of the analysis room: the detail-page panel, timeliness statistics, follow-through."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Q

from lawreports.analysis.models import Figure, ItemTheme, ReportAnalysis
from lawreports.analysis.text.timeliness import LABELS as TIMELINESS_LABELS
from lawreports.reports.models import Issue, Plan, Report


def report_analysis(
    report: Report, *, issues: list[Issue] | None = None, plans: list[Plan] | None = None
) -> dict[str, Any]:
    """What the detail page's analysis panel shows; empty when not analysed yet."""
    row = ReportAnalysis.objects.filter(report=report).first()
    if row is None:
        return {}
    tags = ItemTheme.objects.filter(report=report).select_related("theme").order_by("theme__order")
    by_item: dict[tuple[str, int], list[str]] = defaultdict(list)
    for tag in tags:
        by_item[(tag.kind, tag.issue_id or tag.plan_id)].append(tag.theme.name)
    issues = issues if issues is not None else list(report.issues.all())
    plans = plans if plans is not None else list(report.plans.all())
    neighbours = Report.objects.filter(agency_id=report.agency_id, year__isnull=False)
    has_neighbour = (  # no agency: the issuer is unknown, so it has no other years
        report.year is not None
        and report.agency_id is not None
        and neighbours.filter(year__in=(report.year - 1, report.year + 1)).exists()
    )
    return {
        "row": row,
        "parts": row.parts(),
        "timeliness_label": TIMELINESS_LABELS[row.timeliness],
        "figures": list(Figure.objects.filter(report=report).select_related("section")),
        "issues": [(item, by_item.get(("issue", item.pk), [])) for item in issues],
        "plans": [(item, by_item.get(("plan", item.pk), [])) for item in plans],
        "issue_themes": _theme_counts(by_item, "issue"),
        "plan_themes": _theme_counts(by_item, "plan"),
        "follow_through": has_neighbour,
    }


def _theme_counts(by_item: dict[tuple[str, int], list[str]], kind: str) -> list[tuple[str, int]]:
    counts = Counter(name for (k, _), names in by_item.items() if k == kind for name in names)
    return counts.most_common()


def timeliness_stats() -> dict[str, Any]:
    """On time / late / unknown per year and per province (reports without a row: unknown)."""
    counts = {key: Count("pk", filter=Q(analysis__timeliness=key)) for key in TIMELINESS_LABELS}
    reports = Report.objects.all()
    per_year = (
        reports.exclude(year__isnull=True).values("year").annotate(**counts).order_by("-year")
    )
    per_province = (
        reports.exclude(province__isnull=True)
        .values("province__code", "province__name")
        .annotate(**counts)
        .order_by("province__code")
    )
    total = reports.aggregate(**counts)
    return {
        "labels": TIMELINESS_LABELS,
        "per_year": [_with_share(row) for row in per_year],
        "per_province": [_with_share(row) for row in per_province],
        "total": _with_share(total),
    }


def _with_share(row: dict[str, Any]) -> dict[str, Any]:
    known = row["on_time"] + row["late"]
    row["all"] = known + row["unknown"]
    row["share"] = round(100 * row["on_time"] / known) if known else None
    return row
