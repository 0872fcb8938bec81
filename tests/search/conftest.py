"""Fixtures built from the five seed reports, without the real loader."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from lawreports.reports.models import Agency, Region, Report, Section
from lawreports.search import index_report, indexing_suspended, segmentation

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
HEADING = re.compile(r"^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


def split_seed(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(title, [(heading, body)]): outline lines start sections, other lines are body."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = next((ln for ln in lines if re.search("报告|報告", ln) and len(ln) <= 60), "")
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        if line == title:
            continue
        if HEADING.match(line) and len(line) <= 40:
            sections.append((line, []))
        else:
            sections[-1][1].append(line)
    return title, [(h, "\n".join(b)) for h, b in sections if h or b]


def make_report(
    key: str, title: str, sections: list[tuple[str, str]], *, year: int = 2022, agency=None
) -> Report:
    if agency is None:
        region, _ = Region.objects.get_or_create(
            code="530000000000", defaults={"name": "云南省", "level": "province"}
        )
        agency, _ = Agency.objects.get_or_create(
            name="测试机关", defaults={"kind": "government", "region": region}
        )
    with indexing_suspended():
        report = Report.objects.create(
            source_file=key,
            content_hash=key,
            title=title or key,
            agency=agency,
            year=year,
            original_text="\n".join([title, *(f"{h}\n{b}" for h, b in sections)]),
        )
        Section.objects.bulk_create(
            Section(report=report, order=i, heading=h, body=b)
            for i, (h, b) in enumerate(sections, start=1)
        )
    index_report(report)
    return report


@pytest.fixture
def seed_reports(db) -> dict[str, Report]:
    """Seed file stem → indexed Report (004 is in traditional characters)."""
    out = {}
    for i, path in enumerate(SEEDS):
        title, sections = split_seed(path.read_text(encoding="utf-8", errors="replace"))
        out[path.stem[:3]] = make_report(path.stem, title, sections, year=2020 + i)
    return out


@pytest.fixture
def archive(db, tmp_path, seeds_dir) -> dict[int, str]:
    """Load the seeds and 60 generated reports with the real loader; report id → the
    report's text as the guarantee states it (folded, whitespace removed), built here from
    the stored rows."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.corpus import write_corpus
    from lawreports.reports.services.loading import load_files, report_files

    raw, _ = write_corpus(60, tmp_path)
    load_files(report_files([seeds_dir, raw]))
    texts = {}
    for report in Report.objects.prefetch_related("sections"):
        parts = [report.title, report.preamble]
        sections = list(report.sections.all())
        for s in sections:
            parts += [s.number, s.heading, s.body]
        if not sections:
            parts.append(report.body_text)
        texts[report.pk] = re.sub(r"\s+", "", segmentation.normalize("".join(parts)))
    assert Report.objects.filter(script="traditional").exists()  # both scripts stored
    return texts
