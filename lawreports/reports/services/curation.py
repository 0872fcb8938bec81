"""Curators' writes: what they change is recorded as curated so a reload never undoes it."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from lawreports.parsing import parse_text
from lawreports.reports.models import Agency, Issue, Plan, Region, Report
from lawreports.reports.services.store import (
    ITEM_LISTS,
    PARSED_FIELDS,
    REGION_FIELDS,
    StoreOutcome,
    store_report,
)

CURATABLE = frozenset(PARSED_FIELDS) | frozenset(ITEM_LISTS)


def mark_curated(report: Report, names: Iterable[str]) -> list[str]:
    """Add the parsed field (or item list) names among `names` to report.curated_fields, in
    memory; the caller saves. Returns the names newly added."""
    current = list(report.curated_fields or [])
    added = sorted(set(names) & CURATABLE - set(current))
    report.curated_fields = current + added
    return added


def follow_region(report: Report) -> list[str]:
    """Set the denormalised province…township from report.region; returns the field names."""
    path: dict[str, Region | None] = dict.fromkeys(REGION_FIELDS[1:])
    if report.region is not None:
        for region in report.region.ancestors():
            if region.level in path:
                path[region.level] = region
    for name, region in path.items():
        setattr(report, name, region)
    return list(REGION_FIELDS)


def set_review_status(report: Report, status: str, user: AbstractBaseUser | None) -> None:
    """Record who reviewed and when, in memory; back to unreviewed clears both."""
    report.review_status = status
    if status == "reviewed":
        report.reviewed_by = user
        report.reviewed_at = timezone.now()
    else:
        report.reviewed_by = None
        report.reviewed_at = None


def mark_reviewed(report: Report, user: AbstractBaseUser) -> bool:
    """Returns False when the report was already reviewed (nothing written)."""
    if report.review_status == "reviewed":
        return False
    set_review_status(report, "reviewed", user)
    report.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "updated_at"])
    return True


def mark_item_list_curated(report: Report, model: type[Issue] | type[Plan]) -> None:
    """A curator added, deleted or reordered items: the whole list is theirs now."""
    label = "issues" if model is Issue else "plans"
    if mark_curated(report, [label]):
        report.save(update_fields=["curated_fields"])


def refresh_item_counts(report: Report) -> None:
    report.issue_count = report.issues.count()
    report.plan_count = report.plans.count()
    report.save(update_fields=["issue_count", "plan_count"])


def reparse_report(report: Report) -> StoreOutcome:
    """Parse the stored original text again (a newer parser) and store it; curated values
    are kept. The stored content hash is reused: the raw bytes are gone, the content is not."""
    parsed = parse_text(
        report.original_text,
        filename=report.source_file,
        encoding=report.encoding or "utf-8",
        content_hash=report.content_hash,
    )
    return store_report(parsed, source_file=report.source_file, force=True)


def merge_target(agencies: Iterable[Agency]) -> Agency:
    """The default survivor of a merge: the agency with most reports, then the oldest."""
    ids = [a.pk for a in agencies]
    return (
        Agency.objects.filter(pk__in=ids).annotate(n=Count("reports")).order_by("-n", "pk").first()
    )


@transaction.atomic
def merge_agencies(target: Agency, others: Iterable[Agency]) -> dict[Agency, list[Report]]:
    """Move every report of `others` to `target`, fill target's blank details from them and
    delete them. Moved reports get "agency" curated so a reload does not split them again.
    Returns the reports moved, per merged agency (the agencies are deleted on return)."""
    moved: dict[Agency, list[Report]] = {}
    for agency in others:
        if agency.pk == target.pk:
            continue
        reports = list(agency.reports.select_for_update())
        for report in reports:
            report.agency = target
            mark_curated(report, ["agency"])
            report.save(update_fields=["agency", "curated_fields", "updated_at"])
        if target.region_id is None:
            target.region_id = agency.region_id
        target.level = target.level or agency.level
        if target.kind == "other":
            target.kind = agency.kind
        moved[agency] = reports
    target.save()
    Agency.objects.filter(pk__in=[a.pk for a in moved]).delete()
    return moved
