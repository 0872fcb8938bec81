"""Reads for the archive's own pages: home, a report, a region, a year, an agency. The list
page, search and API read through lawreports.browsing."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.shortcuts import get_object_or_404

from lawreports.analysis.selectors import report_analysis
from lawreports.parsing.normalise import to_simplified
from lawreports.reports.models import LEVEL_CHOICES, Agency, Issue, Plan, Region, Report

LEVEL_LABELS = dict(LEVEL_CHOICES)


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
        "agencies": reports.exclude(agency=None).values("agency").distinct().count(),
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
    other_years = (  # an unknown issuer has no other years (never "all unknown issuers")
        Report.objects.filter(agency=report.agency, agency__isnull=False)
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
    # The children with reports below them (the table holds the whole division tree).
    children = list(
        Region.objects.filter(parent=region, code__in=list(child_counts)).order_by("code")
    )
    for child in children:
        child.n = child_counts[child.code]
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


def agency_overview(pk: int) -> dict[str, Any]:
    """An agency and its reports, newest year first."""
    agency = get_object_or_404(Agency.objects.select_related("region"), pk=pk)
    reports = (
        Report.objects.filter(agency=agency)
        .select_related("province", "prefecture", "county")
        .order_by("-year", "-published_on", "-pk")
    )
    by_year: dict[int | None, list[Report]] = {}
    for report in reports:
        by_year.setdefault(report.year, []).append(report)
    return {
        "agency": agency,
        "by_year": sorted(by_year.items(), key=lambda kv: -(kv[0] or 0)),
        "count": sum(len(r) for r in by_year.values()),
    }
