"""A batch path for fresh loads, built from store.py's and indexing.py's own helpers.

`store_report` costs ~57 queries per report (one INSERT per section, get_or_create per region
level, re-reads for indexing and analysis): ~75 ms a report here. This writes a batch of new
reports with one bulk INSERT per table and per section depth, builds search documents from
the parse in memory and writes them in one statement. Reports already stored (same file or
content) go through `store_report` unchanged, so reloads and curated rows keep its rules.
Proposed home: lawreports/reports/services/bulk.py, behind `load_reports --bulk`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction

from lawreports.analysis.services import analyse_report
from lawreports.parsing import ParsedReport, ParsedSection, ParseError, parse_file
from lawreports.reports.models import Agency, Issue, Plan, Region, Report, Section
from lawreports.reports.services import store
from lawreports.reports.services.regions import RegionPath, division_chain
from lawreports.search.backends import get_backend
from lawreports.search.indexing import build_document

_regions: dict[str, Region] = {}
_agencies: dict[str, Agency] = {}


def _region_path(parsed: ParsedReport) -> RegionPath:
    """ensure_region_path with a per-process cache: divisions repeat across a corpus."""
    path = RegionPath()
    parent: Region | None = None
    for division in division_chain(parsed.township_code or parsed.region_code):
        region = _regions.get(division.code)
        if region is None:
            region, _ = Region.objects.get_or_create(
                code=division.code,
                defaults={"name": division.name, "level": division.level, "parent": parent},
            )
            _regions[division.code] = region
        setattr(path, division.level, region)
        parent = region
    return path


def _values(parsed: ParsedReport, regions: RegionPath) -> dict[str, object]:
    name = (parsed.agency or "未识别机关")[:128]
    values = store.report_values(parsed, regions, agency=_agencies.get(name))
    _agencies[name] = values["agency"]  # type: ignore[assignment]
    return values


def _sections(pairs: list[tuple[Report, ParsedReport]]) -> dict[int, tuple[list, dict]]:
    """Insert every section, depth by depth (a child needs its parent's id)."""
    flat_by_report = {}
    for report, parsed in pairs:
        flat = store.flatten_sections(parsed.sections) or [
            (ParsedSection(number="", heading="正文", body=parsed.body_text), None, 0, (0,))
        ]
        rows = [
            Section(report=report, order=order, depth=depth, number=node.number[:16],
                    heading=node.heading[:500], body=node.body, kind=node.kind)
            for order, (node, _parent, depth, _path) in enumerate(flat)
        ]  # fmt: skip
        flat_by_report[report.pk] = (flat, rows)
    depth = 0
    while True:
        level = []
        for flat, rows in flat_by_report.values():
            for (_node, parent, d, _path), row in zip(flat, rows, strict=True):
                if d == depth:
                    row.parent = rows[parent] if parent is not None else None
                    level.append(row)
        if not level:
            break
        Section.objects.bulk_create(level)
        depth += 1
    return {
        pk: (rows, {path: row for (_n, _p, _d, path), row in zip(flat, rows, strict=True)})
        for pk, (flat, rows) in flat_by_report.items()
    }


def store_batch(batch: list[tuple[ParsedReport, str]], *, analyse: bool = True) -> Counter[str]:
    """Store new reports in bulk; hand anything already known to store_report."""
    counts: Counter[str] = Counter()
    hashes = {p.content_hash for p, _ in batch}
    names = {name for _, name in batch}
    known = set(
        Report.objects.filter(content_hash__in=hashes).values_list("content_hash", flat=True)
    ) | set(Report.objects.filter(source_file__in=names).values_list("source_file", flat=True))
    fresh: dict[str, tuple[ParsedReport, str]] = {}
    later: list[tuple[ParsedReport, str]] = []  # reloads and in-batch twins: the careful path
    for parsed, name in batch:
        seen = {parsed.content_hash, name} & (known | set(fresh) | {n for _, n in fresh.values()})
        if seen:
            later.append((parsed, name))
        else:
            fresh[parsed.content_hash] = (parsed, name)
    # Regions and agencies first, each committed on its own: two loaders creating the same
    # ones inside their big batch transactions would deadlock on the unique indexes.
    reports = [
        Report(source_file=name, content_hash=parsed.content_hash,
               issue_count=len(parsed.issues), plan_count=len(parsed.plans),
               **_values(parsed, _region_path(parsed)))
        for parsed, name in fresh.values()
    ]  # fmt: skip
    with transaction.atomic():
        _insert(reports, [p for p, _ in fresh.values()], analyse=analyse)
    counts["loaded"] += len(reports)
    for parsed, name in later:
        counts[store.store_report(parsed, source_file=name).status] += 1
    return counts


def _insert(reports: list[Report], parsed: list[ParsedReport], *, analyse: bool) -> None:
    Report.objects.bulk_create(reports)
    pairs = list(zip(reports, parsed, strict=True))
    sections = _sections(pairs)
    for model, attr in ((Issue, "issues"), (Plan, "plans")):
        rows = []
        for report, one in pairs:
            saved, by_path = sections[report.pk]
            rows += store._items(model, report, getattr(one, attr), by_path, saved)
        model.objects.bulk_create(rows)
    get_backend().write(
        [
            build_document(
                report.pk, report.title, report.preamble,
                [(s.number, s.heading, s.body) for s in sections[report.pk][0]],
                report.body_text,
            )
            for report in reports
        ]
    )  # fmt: skip
    if analyse:
        for report in reports:
            analyse_report(report)  # per report: the analysis room has no batch entry yet


def load_files_bulk(
    files: Iterable[Path], *, analyse: bool = True, batch_size: int = 100
) -> tuple[Counter, list]:
    """Parse with the real parser, store in batches; (counts, failures) like load_files."""
    _regions.clear()  # rows cached by an earlier, possibly rolled-back, load
    _agencies.clear()
    counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    batch: list[tuple[ParsedReport, str]] = []
    for path in files:
        try:
            batch.append((parse_file(path), path.name))
        except ParseError as exc:
            failures.append((str(path), str(exc)))
        if len(batch) >= batch_size:
            counts += store_batch(batch, analyse=analyse)
            batch = []
    if batch:
        counts += store_batch(batch, analyse=analyse)
    return counts, failures
