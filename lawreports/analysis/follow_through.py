"""An agency's plans for year N beside what it reported doing in year N+1."""

from __future__ import annotations

from dataclasses import dataclass, field

from lawreports.analysis.models import ItemTheme
from lawreports.analysis.services import taxonomy
from lawreports.analysis.text.matching import Candidate, best_matches
from lawreports.analysis.text.themes import tag
from lawreports.parsing.normalise import analysis_copy
from lawreports.reports.models import Agency, Plan, Report, Section


@dataclass
class PlanRow:
    plan: Plan
    themes: list[str]
    matches: list[tuple[Section, float]]  # next year's measures most like this plan


@dataclass
class YearPair:
    plan_report: Report
    next_report: Report
    rows: list[PlanRow] = field(default_factory=list)
    measures: list[tuple[Section, list[str], bool]] = field(default_factory=list)  # matched?

    @property
    def followed(self) -> int:
        return sum(1 for row in self.rows if row.matches)


def follow_through(agency: Agency) -> list[YearPair]:
    """Consecutive years only (N and N+1), newest first."""
    reports = list(agency.reports.exclude(year__isnull=True).order_by("year", "pk"))
    by_year = {report.year: report for report in reports}  # one report per year: the latest
    words = {name: keywords for name, (_, keywords) in taxonomy().items()}
    pairs = [
        _pair(by_year[year], by_year[year + 1], words)
        for year in sorted(by_year)
        if year + 1 in by_year
    ]
    return pairs[::-1]


def _pair(plan_report: Report, next_report: Report, words: dict[str, list[str]]) -> YearPair:
    sections = _measure_sections(next_report)
    candidates = []
    section_themes: dict[int, list[str]] = {}
    for section in sections:
        text = analysis_copy(f"{section.heading}\n{section.body}")
        section_themes[section.pk] = tag(text, words)
        candidates.append(Candidate(section.pk, text, frozenset(section_themes[section.pk])))
    by_pk = {section.pk: section for section in sections}
    plan_tags: dict[int, list[str]] = {}
    for item in ItemTheme.objects.filter(plan__report=plan_report).select_related("theme"):
        plan_tags.setdefault(item.plan_id, []).append(item.theme.name)
    pair = YearPair(plan_report, next_report)
    matched: set[int] = set()
    for plan in plan_report.plans.all():
        themes = plan_tags.get(plan.pk, [])
        hits = best_matches(analysis_copy(f"{plan.headline}\n{plan.text}"), themes, candidates)
        matched |= {key for key, _ in hits}
        pair.rows.append(PlanRow(plan, themes, [(by_pk[key], score) for key, score in hits]))
    pair.measures = [(s, section_themes[s.pk], s.pk in matched) for s in sections]
    return pair


def _measure_sections(report: Report) -> list[Section]:
    """The achievement sections at the finest level that has headings of their own."""
    sections = list(report.sections.filter(kind="achievements").order_by("order"))
    parents = {s.parent_id for s in sections}
    leaves = [s for s in sections if s.pk not in parents]
    return leaves or sections
