"""Writes of the analysis room: derive and store completeness, timeliness, figures, themes.

`derive_values` holds the rules and touches no database; `analyse_report` (one stored
report, idempotent), `analysis_rows_for_new_reports` and `analysis_values_for_new_reports` (a
batch loader's new reports) all use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lawreports.analysis.models import Figure, ItemTheme, ReportAnalysis, Theme
from lawreports.analysis.text import completeness, figures, themes, timeliness
from lawreports.parsing.normalise import analysis_copy
from lawreports.reports.models import Issue, Plan, Report

Taxonomy = dict[str, tuple[Theme, list[str]]]
# The analysis row's derived columns (all but the key and analysed_at).
ANALYSIS_VALUES = tuple(
    f.attname
    for f in ReportAnalysis._meta.concrete_fields
    if f.name not in ("report", "analysed_at")
)
# Figure and item-theme rows as plain tuples, in these columns (the table gives the id).
FIGURE_COLUMNS = ("report_id", "section_id", "order", "number", "value", "unit", "approx",
                  "noun", "sentence")  # fmt: skip
ITEM_THEME_COLUMNS = ("theme_id", "report_id", "kind", "issue_id", "plan_id", "keywords")


def _check_columns(model: type, names: tuple[str, ...]) -> None:
    """Figures and item themes are built positionally (id first), Django's fast path (a third
    of the cost of keywords, and a report has dozens); fail here, not with shifted columns."""
    actual = tuple(f.attname for f in model._meta.concrete_fields)
    if actual != ("id", *names):
        raise ImproperlyConfigured(f"{model.__name__} columns changed to: {' '.join(actual)}")


_check_columns(Figure, FIGURE_COLUMNS)
_check_columns(ItemTheme, ITEM_THEME_COLUMNS)


def taxonomy() -> Taxonomy:
    return {theme.name: (theme, theme.keyword_list()) for theme in Theme.objects.all()}


class SectionLike(Protocol):
    """What the analysis reads of a section (a Section, or a loader's plain row)."""

    pk: int | None
    heading: str
    body: str
    kind: str
    depth: int


class ItemLike(Protocol):
    """What the analysis reads of an issue or a plan."""

    pk: int | None
    headline: str
    text: str


@dataclass
class AnalysisRows:
    """A report's analysis, unsaved: what analyse_report writes. Figures and item themes
    carry ids only (report_id, section_id, theme_id, issue_id, plan_id), no cached objects."""

    analysis: ReportAnalysis
    figures: list[Figure]
    item_themes: list[ItemTheme]


@dataclass
class AnalysisBatch:
    """Unsaved analysis rows of many reports, one list per table (pks of figures and item
    themes unset; a ReportAnalysis's pk is its report's)."""

    analyses: list[ReportAnalysis] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    item_themes: list[ItemTheme] = field(default_factory=list)


@dataclass
class AnalysisValues:
    """The same rows with figures and item themes as tuples in FIGURE_COLUMNS and
    ITEM_THEME_COLUMNS order: what a bulk loader writes (no model instance per row)."""

    analyses: list[ReportAnalysis] = field(default_factory=list)
    figures: list[tuple] = field(default_factory=list)
    item_themes: list[tuple] = field(default_factory=list)


def derive_analysis(
    report: Report,
    sections: Sequence[SectionLike],
    issues: Sequence[ItemLike],
    plans: Sequence[ItemLike],
    themes_by_name: Taxonomy,
) -> AnalysisRows:
    """derive_values as unsaved model instances."""
    values = derive_values(report, sections, issues, plans, themes_by_name)
    return AnalysisRows(
        values.analyses[0],
        [Figure(None, *row) for row in values.figures],
        [ItemTheme(None, *row) for row in values.item_themes],
    )


def derive_values(
    report: Report,
    sections: Sequence[SectionLike],
    issues: Sequence[ItemLike],
    plans: Sequence[ItemLike],
    themes_by_name: Taxonomy,
    words: dict[str, list[str]] | None = None,
) -> AnalysisValues:
    """The analysis rows of a report, derived in memory without a query: the one place the
    rules live. `sections` in their order, `issues` and `plans` in theirs, all with pks;
    `words` is _keywords(themes_by_name), passed by callers that analyse many reports."""
    if report.pk is None or any(row.pk is None for row in (*sections, *issues, *plans)):
        raise ValueError("derive_analysis needs saved rows (or preallocated pks)")
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

    report_id = report.pk
    figure_rows: list[tuple] = []
    chunks = [(None, preamble)] + [(s.pk, body) for s, body in zip(sections, bodies, strict=True)]
    for section_id, text in chunks:
        for hit in figures.extract_figures(text):
            figure_rows.append(_figure(report_id, section_id, len(figure_rows), hit))

    words = words if words is not None else _keywords(themes_by_name)
    theme_rows: list[tuple] = []
    for (kind, item), headline, text in zip(items, headlines, texts, strict=True):
        theme_rows += _item_rows(report_id, kind, item, headline, text, themes_by_name, words)
    bits = {theme.pk: theme.mask for theme, _ in themes_by_name.values()}

    values = {part: found[part] for part in completeness.PARTS}
    values["missing_count"] = len(completeness.missing_parts(found))
    values["figure_count"] = len(figure_rows)
    for kind in ("issue", "plan"):
        values[f"{kind}_themes"] = _mask(bits[row[0]] for row in theme_rows if row[2] == kind)
    values.update(_timeliness_values(report))
    # auto_now fills analysed_at only through save(); a raw insert needs it set here.
    analysis = ReportAnalysis(report=report, analysed_at=timezone.now(), **values)
    return AnalysisValues([analysis], figure_rows, theme_rows)


Entry = tuple[Report, Sequence[SectionLike], Sequence[ItemLike], Sequence[ItemLike]]


def analysis_values_for_new_reports(
    entries: Iterable[Entry], themes_by_name: Taxonomy | None = None
) -> AnalysisValues:
    """Analysis rows for reports that have none yet, from (report, sections, issues, plans)
    already in memory: no query but the taxonomy when not given. The caller inserts the three
    lists after the reports, sections, issues and plans (in any order among themselves); it
    deletes nothing, so a report that already has analysis rows must go to analyse_report."""
    themes_by_name = themes_by_name if themes_by_name is not None else taxonomy()
    words = _keywords(themes_by_name)
    batch = AnalysisValues()
    for report, sections, issues, plans in entries:
        rows = derive_values(report, sections, issues, plans, themes_by_name, words)
        batch.analyses += rows.analyses
        batch.figures += rows.figures
        batch.item_themes += rows.item_themes
    return batch


def analysis_rows_for_new_reports(
    entries: Iterable[Entry], themes_by_name: Taxonomy | None = None
) -> AnalysisBatch:
    """analysis_values_for_new_reports as unsaved model instances."""
    values = analysis_values_for_new_reports(entries, themes_by_name)
    return AnalysisBatch(
        values.analyses,
        [Figure(None, *row) for row in values.figures],
        [ItemTheme(None, *row) for row in values.item_themes],
    )


@transaction.atomic
def analyse_report(report: Report, *, themes_by_name: Taxonomy | None = None) -> ReportAnalysis:
    """Derive completeness, timeliness, figures and themes for a stored report.

    Idempotent: the report's figures and item themes are replaced, its analysis row updated.
    """
    rows = derive_analysis(
        report,
        list(report.sections.order_by("order")),
        list(report.issues.all()),
        list(report.plans.all()),
        themes_by_name if themes_by_name is not None else taxonomy(),
    )
    Figure.objects.filter(report=report).delete()
    Figure.objects.bulk_create(rows.figures)
    ItemTheme.objects.filter(report=report).delete()
    ItemTheme.objects.bulk_create(rows.item_themes)
    values = {name: getattr(rows.analysis, name) for name in ANALYSIS_VALUES}
    analysis, _ = ReportAnalysis.objects.update_or_create(report=report, defaults=values)
    return analysis


def _analysis_copies(texts: list[str]) -> list[str]:
    """analysis_copy of each text in one OpenCC call (its per-call cost dominates short
    texts). Exact: no OpenCC phrase spans a line break, so joining by lines changes nothing."""
    lines = analysis_copy("\n".join(texts)).split("\n")
    sizes = [text.count("\n") + 1 for text in texts]
    if len(lines) != sum(sizes):
        return [analysis_copy(text) for text in texts]
    copies, start = [], 0
    for size in sizes:
        copies.append(lines[start] if size == 1 else "\n".join(lines[start : start + size]))
        start += size
    return copies


def _figure(report_id: int, section_id: int | None, order: int, hit: figures.FigureHit) -> tuple:
    return (
        report_id,
        section_id,
        order,
        hit.number[:32],
        hit.value,
        hit.unit,
        hit.approx,
        hit.noun[:64],
        hit.sentence,
    )


def _keywords(themes_by_name: Taxonomy) -> dict[str, list[str]]:
    return {name: keywords for name, (_, keywords) in themes_by_name.items()}


def _item_rows(
    report_id: int,
    kind: str,
    item: ItemLike,
    headline: str,
    text: str,
    themes_by_name: Taxonomy,
    words: dict[str, list[str]],
) -> list[tuple]:
    """headline and text: the item's analysis copies. Rows in ITEM_THEME_COLUMNS order."""
    issue_id, plan_id = (item.pk, None) if kind == "issue" else (None, item.pk)
    return [
        (themes_by_name[name][0].pk, report_id, kind, issue_id, plan_id, "、".join(hits)[:200])
        for name, hits in themes.tag_item(headline, text, words).items()
    ]


def retag_item(item: Issue | Plan) -> None:
    """Re-tag one issue or plan (after a curator's edit)."""
    kind = "issue" if isinstance(item, Issue) else "plan"
    ItemTheme.objects.filter(**{kind: item}).delete()
    themes_by_name = taxonomy()
    headline, text = analysis_copy(item.headline), analysis_copy(item.text)
    rows = _item_rows(
        item.report_id, kind, item, headline, text, themes_by_name, _keywords(themes_by_name)
    )
    ItemTheme.objects.bulk_create([ItemTheme(None, *row) for row in rows])
    refresh_theme_masks([item.report_id])


def _mask(masks: Iterable[int]) -> int:
    out = 0
    for mask in masks:
        out |= mask
    return out


def refresh_theme_masks(report_ids: Iterable[int]) -> None:
    """Recompute the reports' theme bits from their item themes (after items changed)."""
    report_ids = list(report_ids)
    masks = {pk: {"issue": 0, "plan": 0} for pk in report_ids}
    rows = ItemTheme.objects.filter(report_id__in=report_ids, theme__bit__isnull=False)
    for report_id, kind, bit in rows.values_list("report_id", "kind", "theme__bit"):
        masks[report_id][kind] |= 1 << bit
    for report_id, mask in masks.items():
        ReportAnalysis.objects.filter(report_id=report_id).update(
            issue_themes=mask["issue"], plan_themes=mask["plan"]
        )


def forget_theme(theme: Theme) -> None:
    """A deleted theme's bit leaves every report, so a later theme can take it."""
    if theme.bit is not None:
        keep = ~theme.mask
        ReportAnalysis.objects.update(
            issue_themes=F("issue_themes").bitand(keep), plan_themes=F("plan_themes").bitand(keep)
        )


def _timeliness_values(report: Report) -> dict[str, object]:
    judged = timeliness.judge(
        report.year, report.published_on, report.report_date, settings.REPORT_DEADLINE_MONTH_DAY
    )
    return {
        "timeliness": judged.status,
        "deadline": judged.deadline,
        "judged_on": judged.judged_on,
        "judged_by": judged.basis,
        "days_late": judged.days_late,
    }


def refresh_timeliness(report: Report) -> None:
    """Dates edited in the admin change timeliness at once (no full re-analysis needed)."""
    ReportAnalysis.objects.filter(report=report).update(**_timeliness_values(report))


def analyse_all(reports=None, *, on_progress: Callable[[int], None] | None = None) -> int:
    """Re-analyse every report (after the taxonomy or the deadline changed)."""
    themes_by_name = taxonomy()
    done = 0
    for report in (reports if reports is not None else Report.objects.order_by("pk")).iterator(
        chunk_size=200
    ):
        analyse_report(report, themes_by_name=themes_by_name)
        done += 1
        if on_progress:
            on_progress(done)
    return done
