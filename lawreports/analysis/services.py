"""Writes of the analysis room: derive and store completeness, timeliness, figures, themes."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction

from lawreports.analysis.models import Figure, ItemTheme, ReportAnalysis, Theme
from lawreports.analysis.text import completeness, figures, themes, timeliness
from lawreports.parsing.normalise import analysis_copy
from lawreports.reports.models import Issue, Plan, Report


def taxonomy() -> dict[str, tuple[Theme, list[str]]]:
    return {theme.name: (theme, theme.keyword_list()) for theme in Theme.objects.all()}


@transaction.atomic
def analyse_report(report: Report, *, themes_by_name: dict | None = None) -> ReportAnalysis:
    """Derive completeness, timeliness, figures and themes for a stored report.

    Idempotent: the report's figures and item themes are replaced, its analysis row updated.
    """
    sections = list(report.sections.order_by("order"))
    entries = [
        completeness.OutlineEntry(
            heading=analysis_copy(s.heading), kind=s.kind, depth=s.depth, body=analysis_copy(s.body)
        )
        for s in sections
    ]
    preamble = analysis_copy(report.preamble or "")
    found = completeness.detect_parts(entries, preamble)

    Figure.objects.filter(report=report).delete()
    rows: list[Figure] = []
    chunks = [(None, preamble)] + [(s, e.body) for s, e in zip(sections, entries, strict=True)]
    for section, text in chunks:
        for hit in figures.extract_figures(text):
            rows.append(_figure(report, section, len(rows), hit))
    Figure.objects.bulk_create(rows)

    _tag_items(report, themes_by_name if themes_by_name is not None else taxonomy())

    values = {part: found[part] for part in completeness.PARTS}
    values["missing_count"] = len(completeness.missing_parts(found))
    values["figure_count"] = len(rows)
    values.update(_timeliness_values(report))
    analysis, _ = ReportAnalysis.objects.update_or_create(report=report, defaults=values)
    return analysis


def _figure(report: Report, section, order: int, hit: figures.FigureHit) -> Figure:
    return Figure(
        report=report,
        section=section,
        order=order,
        number=hit.number[:32],
        value=hit.value,
        unit=hit.unit,
        approx=hit.approx,
        noun=hit.noun[:64],
        sentence=hit.sentence,
    )


def _tag_items(report: Report, themes_by_name: dict[str, tuple[Theme, list[str]]]) -> None:
    ItemTheme.objects.filter(report=report).delete()
    rows = []
    for kind, items in (("issue", report.issues.all()), ("plan", report.plans.all())):
        for item in items:
            rows += _item_rows(report, kind, item, themes_by_name)
    ItemTheme.objects.bulk_create(rows)


def _item_rows(report: Report, kind: str, item, themes_by_name) -> list[ItemTheme]:
    words = {name: keywords for name, (_, keywords) in themes_by_name.items()}
    headline, text = analysis_copy(item.headline), analysis_copy(item.text)
    return [
        ItemTheme(
            theme=themes_by_name[name][0],
            report=report,
            kind=kind,
            issue=item if kind == "issue" else None,
            plan=item if kind == "plan" else None,
            keywords="、".join(hits)[:200],
        )
        for name, hits in themes.tag_item(headline, text, words).items()
    ]


def retag_item(item: Issue | Plan) -> None:
    """Re-tag one issue or plan (after a curator's edit)."""
    kind = "issue" if isinstance(item, Issue) else "plan"
    ItemTheme.objects.filter(**{kind: item}).delete()
    ItemTheme.objects.bulk_create(_item_rows(item.report, kind, item, taxonomy()))


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
