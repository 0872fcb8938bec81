"""The analysis as plain tuples (what the bulk loader writes) is exactly what the instance-
based derivation gave; plain section and item rows stand in for model instances.

The old implementation is kept here verbatim (bar names) as the reference.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import NamedTuple

import pytest
from django.conf import settings
from django.utils import timezone

from lawreports.analysis.models import Figure, ItemTheme, ReportAnalysis
from lawreports.analysis.services import (
    FIGURE_COLUMNS,
    ITEM_THEME_COLUMNS,
    _analysis_copies,
    analysis_rows_for_new_reports,
    analysis_values_for_new_reports,
    derive_analysis,
    derive_values,
    taxonomy,
)
from lawreports.analysis.text import completeness, figures, themes, timeliness
from lawreports.reports.models import Report
from lawreports.reports.services.loading import load_files, report_files

pytestmark = pytest.mark.django_db

VARIANTS = Path(__file__).resolve().parent.parent / "parsing" / "data" / "variants"
ANALYSIS_FIELDS = [
    f.attname for f in ReportAnalysis._meta.concrete_fields if f.name != "analysed_at"
]

# --- the old implementation ----------------------------------------------------------------


def old_derive(report, sections, issues, plans, themes_by_name):
    items = [("issue", item) for item in issues] + [("plan", item) for item in plans]
    copies = iter(
        _analysis_copies(
            [report.preamble or ""]
            + [s.heading for s in sections]
            + [s.body for s in sections]
            + [item.headline for _, item in items]
            + [item.text for _, item in items]
        )
    )
    preamble = next(copies)
    headings, bodies = list(islice(copies, len(sections))), list(islice(copies, len(sections)))
    headlines, texts = list(islice(copies, len(items))), list(islice(copies, len(items)))
    entries = [
        completeness.OutlineEntry(heading=heading, kind=s.kind, depth=s.depth, body=body)
        for s, heading, body in zip(sections, headings, bodies, strict=True)
    ]
    found = completeness.detect_parts(entries, preamble)
    figure_rows = []
    chunks = [(None, preamble)] + [(s.pk, body) for s, body in zip(sections, bodies, strict=True)]
    for section_id, text in chunks:
        for hit in figures.extract_figures(text):
            figure_rows.append(
                Figure(
                    None,
                    report.pk,
                    section_id,
                    len(figure_rows),
                    hit.number[:32],
                    hit.value,
                    hit.unit,
                    hit.approx,
                    hit.noun[:64],
                    hit.sentence,
                )  # fmt: skip
            )
    words = {name: keywords for name, (_, keywords) in themes_by_name.items()}
    theme_rows = []
    for (kind, item), headline, text in zip(items, headlines, texts, strict=True):
        issue_id, plan_id = (item.pk, None) if kind == "issue" else (None, item.pk)
        theme_rows += [
            ItemTheme(
                None,
                themes_by_name[name][0].pk,
                report.pk,
                kind,
                issue_id,
                plan_id,
                "、".join(hits)[:200],
            )  # fmt: skip
            for name, hits in themes.tag_item(headline, text, words).items()
        ]
    bits = {theme.pk: theme.mask for theme, _ in themes_by_name.values()}
    values = {part: found[part] for part in completeness.PARTS}
    values["missing_count"] = len(completeness.missing_parts(found))
    values["figure_count"] = len(figure_rows)
    for kind in ("issue", "plan"):
        mask = 0
        for row in theme_rows:
            if row.kind == kind:
                mask |= bits[row.theme_id]
        values[f"{kind}_themes"] = mask
    judged = timeliness.judge(
        report.year, report.published_on, report.report_date, settings.REPORT_DEADLINE_MONTH_DAY
    )
    values.update(
        timeliness=judged.status, deadline=judged.deadline, judged_on=judged.judged_on,
        judged_by=judged.basis, days_late=judged.days_late,
    )  # fmt: skip
    analysis = ReportAnalysis(report=report, analysed_at=timezone.now(), **values)
    return analysis, figure_rows, theme_rows


# --- comparisons ---------------------------------------------------------------------------


class PlainSection(NamedTuple):
    pk: int
    heading: str
    body: str
    kind: str
    depth: int


class PlainItem(NamedTuple):
    pk: int
    headline: str
    text: str


@pytest.fixture
def entries(seeds_dir):
    summary = load_files(report_files([seeds_dir, VARIANTS]))
    assert summary.counts["loaded"] >= 20, summary.failures
    return [
        (r, list(r.sections.order_by("order")), list(r.issues.all()), list(r.plans.all()))
        for r in Report.objects.order_by("pk")
    ]


def _plain(entry):
    report, sections, issues, plans = entry
    return (
        report,
        [PlainSection(s.pk, s.heading, s.body, s.kind, s.depth) for s in sections],
        [PlainItem(i.pk, i.headline, i.text) for i in issues],
        [PlainItem(p.pk, p.headline, p.text) for p in plans],
    )


def _rows(objs, columns):
    return [tuple(getattr(obj, name) for name in columns) for obj in objs]


def test_values_equal_the_old_derivation(entries):
    themes_by_name = taxonomy()
    seen_figures = seen_themes = 0
    for entry in entries:
        analysis, old_figures, old_themes = old_derive(*entry, themes_by_name)
        expected = (
            _rows([analysis], ANALYSIS_FIELDS),
            _rows(old_figures, FIGURE_COLUMNS),
            _rows(old_themes, ITEM_THEME_COLUMNS),
        )
        for given in (entry, _plain(entry)):
            values = derive_values(*given, themes_by_name)
            assert (
                _rows(values.analyses, ANALYSIS_FIELDS),
                values.figures,
                values.item_themes,
            ) == expected, entry[0].source_file
            rows = derive_analysis(*given, themes_by_name)
            assert (
                _rows([rows.analysis], ANALYSIS_FIELDS),
                _rows(rows.figures, FIGURE_COLUMNS),
                _rows(rows.item_themes, ITEM_THEME_COLUMNS),
            ) == expected
            assert all(f.pk is None for f in rows.figures)
        seen_figures += len(old_figures)
        seen_themes += len(old_themes)
    assert seen_figures and seen_themes  # the comparison is not vacuous


def test_batch_values_equal_batch_instances(entries):
    themes_by_name = taxonomy()
    values = analysis_values_for_new_reports([_plain(e) for e in entries], themes_by_name)
    rows = analysis_rows_for_new_reports(entries, themes_by_name)
    assert _rows(values.analyses, ANALYSIS_FIELDS) == _rows(rows.analyses, ANALYSIS_FIELDS)
    assert values.figures == _rows(rows.figures, FIGURE_COLUMNS)
    assert values.item_themes == _rows(rows.item_themes, ITEM_THEME_COLUMNS)
