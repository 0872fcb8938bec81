"""Store: a ParsedReport becomes rows, idempotently, never overwriting a curator's work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from django.db import IntegrityError, transaction

from lawreports.analysis.services import analyse_report
from lawreports.parsing.model import ParsedItem, ParsedReport, ParsedSection
from lawreports.reports.models import Agency, Issue, Plan, Report, Section
from lawreports.reports.services.regions import RegionPath, ensure_region_path
from lawreports.search import index_report, indexing_suspended

Status = Literal["loaded", "updated", "unchanged", "duplicate"]

# Report fields the parser fills; a curator's edit to any of them is kept on reload.
PARSED_FIELDS = (
    "title",
    "title_inferred",
    "agency",
    "region",
    "province",
    "prefecture",
    "county",
    "township",
    "level",
    "year",
    "report_date",
    "published_on",
    "index_no",
    "doc_no",
    "source",
    "addressed_to",
    "script",
    "encoding",
    "original_text",
    "body_text",
    "preamble",
    "flags",
)
# The region path moves as one: a curated region keeps its province…township with it.
REGION_FIELDS = ("region", "province", "prefecture", "county", "township")
# Names in Report.curated_fields that lock a whole list (a curator added, deleted or reordered).
ITEM_LISTS = ("issues", "plans")


@dataclass
class StoreOutcome:
    status: Status
    report: Report | None
    kept: list[str] = field(default_factory=list)  # curated fields left as the curator set them
    duplicate_of: str | None = None


def store_report(parsed: ParsedReport, *, source_file: str, force: bool = False) -> StoreOutcome:
    """Write one report in its own transaction; a concurrent loader of the same file loses
    the race cleanly and reports "unchanged". `force` re-applies a parse of unchanged content
    (a re-parse with a newer parser); curated values are kept either way."""
    try:
        with transaction.atomic():
            return _store(parsed, source_file=source_file, force=force)
    except IntegrityError:
        # Another loader inserted the same file or content between our read and our write.
        existing = Report.objects.filter(content_hash=parsed.content_hash).first()
        if existing is None:
            raise
        if existing.source_file == source_file:
            return StoreOutcome("unchanged", existing)
        return StoreOutcome("duplicate", None, duplicate_of=existing.source_file)


def _store(parsed: ParsedReport, *, source_file: str, force: bool) -> StoreOutcome:
    report = Report.objects.select_for_update().filter(source_file=source_file).first()
    if report is not None and report.content_hash == parsed.content_hash and not force:
        return StoreOutcome("unchanged", report)
    twin = Report.objects.filter(content_hash=parsed.content_hash).first()
    if twin is not None and twin != report:
        return StoreOutcome("duplicate", None, duplicate_of=twin.source_file)

    regions = ensure_region_path(parsed)
    values = report_values(parsed, regions)
    kept: list[str] = []
    with indexing_suspended():
        if report is None:
            report = Report(source_file=source_file, content_hash=parsed.content_hash, **values)
            report.save()
            status: Status = "loaded"
        else:
            locked = curated_report_fields(report)
            for name, value in values.items():
                if name in locked:
                    kept.append(name)
                else:
                    setattr(report, name, value)
            report.content_hash = parsed.content_hash
            report.save()
            status = "updated"
        kept += apply_structure(report, parsed)
    index_report(report)
    analyse_report(report)
    return StoreOutcome(status, report, kept=kept)


def curated_report_fields(report: Report) -> set[str]:
    """Parsed fields a reload must leave alone."""
    locked = set(report.curated_fields or [])
    if locked & set(REGION_FIELDS):
        locked |= set(REGION_FIELDS)
    return locked


def report_values(
    parsed: ParsedReport, regions: RegionPath, *, agency: Agency | None = None
) -> dict[str, object]:
    """The Report columns a parse fills (`agency` when the caller already has it)."""
    agency = agency or _ensure_agency(parsed, regions)
    # The address only when the parse came from one: a re-parse of the stored text keeps it.
    address = {"source_url": parsed.source_url} if parsed.source_url else {}
    return {
        **address,
        "title": parsed.title[:255],
        "title_inferred": parsed.title_inferred,
        "agency": agency,
        "region": regions.deepest,
        "province": regions.province,
        "prefecture": regions.prefecture,
        "county": regions.county,
        "township": regions.township,
        "level": parsed.level or "",
        "year": parsed.year,
        "report_date": _date(parsed.report_date),
        "published_on": _date(parsed.published_on),
        "index_no": (parsed.index_no or "")[:64],
        "doc_no": (parsed.doc_no or "")[:128],
        "source": (parsed.source or "")[:128],
        "addressed_to": (parsed.addressed_to or "")[:128],
        "script": parsed.script,
        "encoding": parsed.encoding,
        "original_text": parsed.original_text,
        "body_text": parsed.body_text,
        "preamble": parsed.preamble,
        "flags": list(parsed.flags),
    }


def agency_name(parsed: ParsedReport) -> str:
    """Agencies are keyed by name; a report whose issuer was not found gets a placeholder."""
    return (parsed.agency or "未识别机关")[:128]


def _ensure_agency(parsed: ParsedReport, regions: RegionPath) -> Agency:
    agency, created = Agency.objects.get_or_create(
        name=agency_name(parsed),
        defaults={
            "kind": parsed.agency_kind or "other",
            "level": parsed.level or "",
            "region": regions.deepest,
        },
    )
    if not created and agency.region is None and regions.deepest is not None:
        agency.region = regions.deepest
        agency.save(update_fields=["region"])
    return agency


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def flatten_sections(
    sections: list[ParsedSection],
) -> list[tuple[ParsedSection, int | None, int, tuple[int, ...]]]:
    """Document order: (section, parent position, depth, index path)."""
    flat: list[tuple[ParsedSection, int | None, int, tuple[int, ...]]] = []

    def walk(nodes: list[ParsedSection], parent: int | None, depth: int, path: tuple[int, ...]):
        for index, node in enumerate(nodes):
            flat.append((node, parent, depth, path + (index,)))
            walk(node.children, len(flat) - 1, depth + 1, path + (index,))

    walk(sections, None, 0, ())
    return flat


def apply_structure(report: Report, parsed: ParsedReport) -> list[str]:
    """Bring sections, issues and plans in line with the parse.

    Sections are updated in place by position so their ids (and links to them) survive a
    reload; a curated section keeps its number, heading, body and kind, and is never dropped.
    A list of items that a curator touched (any curated item, or the list named in
    curated_fields after an add, delete or reorder) is kept whole and re-attached to the best
    matching new section. Returns what was kept.
    """
    flat = flatten_sections(parsed.sections)
    if not flat:
        # Every item needs a section: a report without headings gets one for its whole text.
        flat = [(ParsedSection(number="", heading="正文", body=parsed.body_text), None, 0, (0,))]
    old = {s.order: s for s in report.sections.all()}
    old_identity = {s.pk: (s.heading, s.kind) for s in old.values()}
    by_path: dict[tuple[int, ...], Section] = {}
    saved: list[Section] = []
    kept: list[str] = []
    for order, (node, parent_pos, depth, path) in enumerate(flat):
        section = old.get(order) or Section(report=report, order=order)
        section.parent = saved[parent_pos] if parent_pos is not None else None
        section.depth = depth
        if not section.curated:
            section.number = node.number[:16]
            section.heading = node.heading[:500]
            section.body = node.body
            section.kind = node.kind
        section.save()
        saved.append(section)
        by_path[path] = section
    stale = [s for order, s in old.items() if order >= len(flat)]
    if any(s.curated for s in old.values()):
        kept.append("sections")

    for model, items, label in ((Issue, parsed.issues, "issues"), (Plan, parsed.plans, "plans")):
        existing = list(model.objects.filter(report=report))
        if label in (report.curated_fields or []) or any(item.curated for item in existing):
            keep_sections = saved + [s for s in stale if s.curated]
            for item in existing:
                item.section = _closest_section(old_identity.get(item.section_id), keep_sections)
                item.save(update_fields=["section"])
            kept.append(label)
        else:
            model.objects.filter(report=report).delete()
            model.objects.bulk_create(item_rows(model, report, items, by_path, saved))

    dropped = {s.pk for s in stale if not s.curated}
    for section in stale:
        if section.curated and section.parent_id in dropped:
            # Its parent goes; lift it to the top rather than let the delete cascade to it.
            section.parent, section.depth = None, 0
            section.save(update_fields=["parent", "depth"])
    Section.objects.filter(pk__in=dropped).delete()
    report.issue_count = Issue.objects.filter(report=report).count()
    report.plan_count = Plan.objects.filter(report=report).count()
    report.save(update_fields=["issue_count", "plan_count"])
    return kept


def item_rows(
    model: type[Issue] | type[Plan],
    report: Report,
    items: list[ParsedItem],
    by_path: dict[tuple[int, ...], Section],
    saved: list[Section],
) -> list[Issue | Plan]:
    """Unsaved issue/plan rows, each in the section its parse path names (else the first)."""
    rows = []
    for order, item in enumerate(items):
        section = by_path.get(tuple(item.section_path)) or saved[0]
        rows.append(
            model(
                report=report,
                section=section,
                order=order,
                headline=item.headline[:500],
                text=item.text,
            )
        )
    return rows


def _closest_section(previous: tuple[str, str] | None, candidates: list[Section]) -> Section:
    """The new section a curated item belongs in: same heading, else same kind, else the first."""
    if previous is not None:
        heading, kind = previous
        for section in candidates:
            if section.heading == heading and section.kind == kind:
                return section
        for section in candidates:
            if section.kind == kind and section.depth == 0:
                return section
    return candidates[0]
