"""Store many new reports at once: one transaction and a few statements per table per batch.

`store_report` costs ~60 queries per report (a statement per section, re-reads for indexing
and analysis). A batch of reports nobody has stored yet needs none of its care: its sections,
items, search documents and analysis are built in memory and written with one COPY per table.
A report already stored (same file name or content) goes through `store_report`, whose rules
keep curated values; so does a whole batch whose write fails (say a concurrent loader stored
one of its files first), each report then in its own transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import transaction

from lawreports.analysis.models import Figure, ItemTheme
from lawreports.analysis.services import (
    FIGURE_COLUMNS,
    ITEM_THEME_COLUMNS,
    analysis_values_for_new_reports,
)
from lawreports.parsing import ParsedReport, ParsedSection
from lawreports.parsing.regions import Division
from lawreports.reports.models import Agency, Issue, Plan, Region, Report, Section
from lawreports.reports.services import store
from lawreports.reports.services.regions import RegionPath, division_chain
from lawreports.reports.services.rows import insert_new, insert_rows, take_ids
from lawreports.search.backends import get_backend
from lawreports.search.indexing import Document, build_document

logger = logging.getLogger(__name__)


class _Section(NamedTuple):
    """A new section's values: what the item rows, the document and the analysis read."""

    pk: int
    order: int
    depth: int
    number: str
    heading: str
    body: str
    kind: str


class _Item(NamedTuple):
    pk: int
    headline: str
    text: str


@dataclass
class _NewReport:
    report: Report
    parsed: ParsedReport
    flat: list[tuple[ParsedSection, int | None, int, tuple[int, ...]]]  # flatten_sections
    sections: list[_Section] = field(default_factory=list)
    issues: list[_Item] = field(default_factory=list)
    plans: list[_Item] = field(default_factory=list)


class BatchCache:
    """Regions and agencies by key for one load: divisions and agencies repeat across files.
    Both are committed on creation, outside the batch, so they never vanish with a rollback
    (and two loaders creating the same one do not deadlock inside their batches)."""

    def __init__(self) -> None:
        self.regions: dict[str, Region] = {}
        self.agencies: dict[tuple[str, str | None], Agency] = {}

    def prefetch(self, batch: list[ParsedReport]) -> None:
        """Read or create the batch's regions and agencies in a few statements each."""
        chains = [_chain(p) for p in batch]
        wanted = {d.code: (i, d, chain) for chain in chains for i, d in enumerate(chain)}
        missing = [code for code in wanted if code not in self.regions]
        if missing:
            self.regions.update((r.code, r) for r in Region.objects.filter(code__in=missing))
            for depth in range(max(i for i, _d, _c in wanted.values()) + 1):
                rows = [
                    Region(code=d.code, name=d.name, level=d.level,
                           parent=self.regions[chain[i - 1].code] if i else None)
                    for i, d, chain in wanted.values() if i == depth and d.code not in self.regions
                ]  # fmt: skip
                self._create(Region, rows, "code", self.regions)
        wanted_agencies = {}
        for parsed in batch:  # the first report describes an agency
            if (key := self.agency_key(parsed)) is not None:
                wanted_agencies.setdefault(key, parsed)
        if missing := [key for key in wanted_agencies if key not in self.agencies]:
            names = {name for name, _code in missing}
            self._read_agencies(names)
            rows = [
                Agency(name=name, kind=p.agency_kind or "other", region=self.regions.get(code),
                       level=self.regions[code].level if code else p.level or "")
                for (name, code), p in wanted_agencies.items() if (name, code) not in self.agencies
            ]  # fmt: skip
            if rows:  # a concurrent loader may have created some: keep theirs
                Agency.objects.bulk_create(rows, ignore_conflicts=True)
                self._read_agencies(names)

    def _read_agencies(self, names: set[str]) -> None:
        agencies = Agency.objects.filter(name__in=names).select_related("region")
        self.agencies.update(((a.name, a.region.code if a.region else None), a) for a in agencies)

    def agency_key(self, parsed: ParsedReport) -> tuple[str, str | None] | None:
        """An agency is its name within its division (None: the issuer is unknown)."""
        name = store.agency_name(parsed)
        if name is None:
            return None
        deepest = self.region_path(parsed).deepest
        return name, deepest.code if deepest else None

    @staticmethod
    def _create(model, rows: list, key: str, into: dict) -> None:
        if rows:  # a concurrent loader may have created some: keep theirs
            model.objects.bulk_create(rows, ignore_conflicts=True)
            keys = [getattr(row, key) for row in rows]
            into.update((getattr(r, key), r) for r in model.objects.filter(**{f"{key}__in": keys}))

    def region_path(self, parsed: ParsedReport) -> RegionPath:
        path = RegionPath()
        for division in _chain(parsed):
            setattr(path, division.level, self.regions[division.code])
        return path

    def report_values(self, parsed: ParsedReport) -> dict[str, object]:
        key = self.agency_key(parsed)
        agency = self.agencies[key] if key is not None else None
        return store.report_values(parsed, self.region_path(parsed), agency=agency)


def _chain(parsed: ParsedReport) -> tuple[Division, ...]:
    return division_chain(parsed.township_code or parsed.region_code)


def store_new(
    batch: list[tuple[ParsedReport, str]], cache: BatchCache | None = None
) -> list[tuple[ParsedReport, str]]:
    """Store the (parse, file name) pairs nobody stored yet in one transaction; returns the
    pairs left for `store_report` (known ones, or all of them if the batch write failed)."""
    cache = cache or BatchCache()
    fresh, later = _split_known(batch)
    if not fresh:
        return later
    try:
        cache.prefetch([p for p, _ in fresh])  # committed first, outside the batch
        rows = [(p, name, cache.report_values(p)) for p, name in fresh]
        with transaction.atomic():
            _insert_fresh(rows)
    except Exception:
        logger.warning("batch write failed; storing its reports one by one", exc_info=True)
        return fresh + later  # one at a time, each failure named by its file
    return later


def _split_known(
    batch: list[tuple[ParsedReport, str]],
) -> tuple[list[tuple[ParsedReport, str]], list[tuple[ParsedReport, str]]]:
    """New reports, and those whose file or content is stored already or repeats in the batch."""
    hashes = {p.content_hash for p, _ in batch}
    names = {name for _, name in batch}
    seen = set(
        Report.objects.filter(content_hash__in=hashes).values_list("content_hash", flat=True)
    ) | set(Report.objects.filter(source_file__in=names).values_list("source_file", flat=True))
    fresh, later = [], []
    for parsed, name in batch:
        if parsed.content_hash in seen or name in seen:
            later.append((parsed, name))
        else:
            fresh.append((parsed, name))
            seen |= {parsed.content_hash, name}
    return fresh, later


# Plain rows for COPY (rows.insert_rows), in these columns.
SECTION_COLUMNS = ("id", "report_id", "parent_id", "order", "depth", "number", "heading", "body",
                   "kind", "curated")  # fmt: skip
ITEM_COLUMNS = ("id", "report_id", "section_id", "order", "headline", "text", "curated")


def _insert_fresh(rows: list[tuple[ParsedReport, str, dict[str, object]]]) -> None:
    reports = []
    for parsed, name, values in rows:
        report = Report(source_file=name, content_hash=parsed.content_hash, **values)
        report.issue_count, report.plan_count = len(parsed.issues), len(parsed.plans)
        report.flag_count = len(report.flags)  # Report.save() would; COPY does not call it
        reports.append(report)
    insert_new(reports)
    new = [_NewReport(r, p, _flat(p)) for r, (p, _, _) in zip(reports, rows, strict=True)]
    _insert_sections(new)
    _insert_items(new, Issue, "issues")
    _insert_items(new, Plan, "plans")
    get_backend().write([_document(e) for e in new], fresh=True)
    analysis = analysis_values_for_new_reports(
        [(e.report, e.sections, e.issues, e.plans) for e in new]
    )
    insert_new(analysis.analyses)
    insert_rows(Figure, FIGURE_COLUMNS, analysis.figures)
    insert_rows(ItemTheme, ITEM_THEME_COLUMNS, analysis.item_themes)


def _flat(parsed: ParsedReport) -> list[tuple[ParsedSection, int | None, int, tuple[int, ...]]]:
    # Every item needs a section: a report without headings gets one for its whole text.
    return store.flatten_sections(parsed.sections) or [
        (ParsedSection(number="", heading="正文", body=parsed.body_text), None, 0, (0,))
    ]


def _insert_sections(new: list[_NewReport]) -> None:
    """All sections in one statement: ids are taken first, so a child row can name its
    parent's (the foreign keys are checked at commit)."""
    ids = iter(take_ids(Section, sum(len(e.flat) for e in new)))
    rows = []
    for entry in new:
        report_id, first = entry.report.pk, len(rows)
        for order, (node, parent, depth, _path) in enumerate(entry.flat):
            section = _Section(next(ids), order, depth, node.number[:16], node.heading[:500],
                               node.body, node.kind)  # fmt: skip
            entry.sections.append(section)
            parent_id = rows[first + parent][0] if parent is not None else None
            rows.append((section.pk, report_id, parent_id, *section[1:], False))
    insert_rows(Section, SECTION_COLUMNS, rows)


def _insert_items(new: list[_NewReport], model: type[Issue] | type[Plan], kind: str) -> None:
    """Issues or plans, each in the section its parse path names (else the first), as
    store.item_rows places them."""
    ids = iter(take_ids(model, sum(len(getattr(e.parsed, kind)) for e in new)))
    rows = []
    for entry in new:
        by_path = {path: s for (*_, path), s in zip(entry.flat, entry.sections, strict=True)}
        report_id, first, items = entry.report.pk, entry.sections[0], getattr(entry, kind)
        for order, parsed in enumerate(getattr(entry.parsed, kind)):
            section = by_path.get(tuple(parsed.section_path)) or first
            item = _Item(next(ids), parsed.headline[:500], parsed.text)
            items.append(item)
            rows.append((item.pk, report_id, section.pk, order, *item[1:], False))
    insert_rows(model, ITEM_COLUMNS, rows)


def _document(entry: _NewReport) -> Document:
    report = entry.report
    return build_document(
        report.pk,
        report.title,
        report.preamble,
        [(s.number, s.heading, s.body) for s in entry.sections],
        report.body_text,
    )
