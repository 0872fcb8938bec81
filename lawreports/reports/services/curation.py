"""Curators' writes: what they change is recorded as curated so a reload never undoes it."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from lawreports.parsing import parse_text
from lawreports.reports.models import Agency, Issue, Plan, Report
from lawreports.reports.services.regions import path_fields
from lawreports.reports.services.store import (
    FLAG_FIELDS,
    ITEM_LISTS,
    PARSED_FIELDS,
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


def follow_region(report: Report) -> None:
    """Set the denormalised province…township and the level from report.region."""
    for name, region in path_fields(report.region).items():
        setattr(report, name, region)
    report.level = report.region.level if report.region is not None else ""


def issuer_conflict(agency: Agency | None, region_id: int | None) -> str | None:
    """Why a curator's pair of issuer and division cannot stand, or None. An agency is one
    issuer in one division, so its reports lie in that division."""
    if agency is None or agency.region_id == region_id:
        return None
    where = agency.region.path_label() if agency.region else "（无区划）"
    return f"发布机关「{agency.name}」属于 {where}，与报告所选区划不一致。"


def issuer_without_division(agency: Agency | None) -> str | None:
    """Why an issuer cannot be chosen for a report that has a division, or None: the report's
    division follows its issuer, and one without a division would clear it."""
    if agency is None or agency.region_id is not None:
        return None
    return f"发布机关「{agency.name}」没有所在区划：请先为它设定区划，或同时清空所在区划。"


def apply_curator_edit(report: Report, changed: Iterable[str]) -> list[str]:
    """Bring what depends on the fields a curator changed (already set on `report`, in
    memory) in line, and return the parsed fields to record as curated: those changed, plus
    a division or issuer that had to follow.

    - A new issuer brings its division along when the curator left the division alone.
    - A new division fills province…township and the level; an unchanged issuer becomes the
      agency of the same name in that division (one agency, one division).
    - Flags the changes answer are cleared (a title set by hand is no longer inferred); a
      report without a division is flagged region_unresolved."""
    changed = set(changed)
    agency = report.agency
    follows = agency is not None and agency.region_id != report.region_id
    if "agency" in changed and "region" not in changed and follows:
        report.region = agency.region
        changed.add("region")
    if "region" in changed:
        follow_region(report)
        if "agency" not in changed and agency is not None and agency.region_id != report.region_id:
            report.agency, _ = Agency.objects.get_or_create(
                name=agency.name,
                region=report.region,
                defaults={"kind": agency.kind, "level": report.level},
            )
            changed.add("agency")
    if "title" in changed:
        report.title_inferred = False
    if "flags" not in changed:
        flags = [f for f in report.flags or [] if FLAG_FIELDS.get(f) not in changed]
        if report.region is None and "region_unresolved" not in flags:
            flags.append("region_unresolved")
        report.flags = flags
    return sorted(changed & CURATABLE)


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
        source_url=report.source_url or None,  # the address places a page that names no place
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
    delete them. Moved reports get "agency" curated so a reload does not split them again,
    and move to the target's division (one agency, one division). Returns the reports moved,
    per merged agency (the agencies are deleted on return)."""
    others = [agency for agency in others if agency.pk != target.pk]
    for agency in others:
        if target.region_id is None:
            target.region_id = agency.region_id
        target.level = target.level or agency.level
        if target.kind == "other":
            target.kind = agency.kind
    moved = {agency: list(agency.reports.select_for_update().order_by("pk")) for agency in others}
    Report.objects.filter(agency__in=others).update(agency=target)
    # Gone before the target saves: it may take over one's name and division.
    Agency.objects.filter(pk__in=[a.pk for a in others]).delete()
    target.save()
    for reports in moved.values():
        for report in reports:
            report.agency = target
            mark_curated(report, apply_curator_edit(report, {"agency"}))
            report.save()
    return moved


def move_agency_reports(agency: Agency) -> list[Report]:
    """An agency's division was corrected: its reports move with it (recorded as curated)."""
    reports = list(
        agency.reports.exclude(region_id=agency.region_id).select_for_update().order_by("pk")
    )
    for report in reports:
        report.agency = agency
        report.region = agency.region
        mark_curated(report, apply_curator_edit(report, {"region"}))
        report.save()
    return reports
