"""Theme facets counted from the reports' theme bits agree with the item themes, and the bits
follow curators' edits: an edited or deleted item, a deleted theme."""

from __future__ import annotations

import pytest
from django.db.models import Count

from lawreports.analysis.models import ItemTheme, ReportAnalysis, Theme
from lawreports.browsing.counting import facets_and_ids
from lawreports.browsing.params import select
from lawreports.reports.models import Issue, Report


def _bits_from_items() -> dict[int, tuple[int, int]]:
    masks = {pk: [0, 0] for pk in Report.objects.values_list("pk", flat=True)}
    for report_id, kind, bit in ItemTheme.objects.values_list("report_id", "kind", "theme__bit"):
        masks[report_id][kind == "plan"] |= 1 << bit
    return {pk: tuple(m) for pk, m in masks.items()}


def _stored_bits() -> dict[int, tuple[int, int]]:
    rows = ReportAnalysis.objects.values_list("report_id", "issue_themes", "plan_themes")
    return {pk: (issue, plan) for pk, issue, plan in rows}


@pytest.fixture
def loaded(seeded, tmp_path):
    from bench.corpus import write_corpus
    from lawreports.reports.services.loading import load_files, report_files

    raw, _ = write_corpus(20, tmp_path)  # batch-loaded reports with many tagged items
    load_files(report_files([raw]))
    return Report.objects.count()


@pytest.fixture(autouse=True)
def _bench_importable():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def test_every_theme_has_a_bit_and_reports_carry_their_items_themes(loaded):
    assert all(t.bit is not None for t in Theme.objects.all())
    assert len({t.bit for t in Theme.objects.all()}) == Theme.objects.count()
    assert any(issue for issue, _ in _stored_bits().values())
    assert _stored_bits() == _bits_from_items()


@pytest.mark.parametrize(
    "params", [{}, {"year": "2022"}, {"level": "county"}, {"has_issues": "true"}]
)
def test_theme_facets_match_the_item_themes(loaded, params):
    selection = select(params)
    facets, _ = facets_and_ids(selection, Report.objects.all())
    reports = selection.apply(Report.objects.all())
    for kind in ("issue", "plan"):
        rows = (
            ItemTheme.objects.filter(kind=kind, report__in=reports.values("pk"))
            .values("theme__name", "theme__order")
            .annotate(n=Count("report", distinct=True))
            .order_by("theme__order", "theme__name")
        )
        expected = [(row["theme__name"], row["n"]) for row in rows]
        assert [(f.value, f.count) for f in facets[f"{kind}_theme"]] == expected
        assert expected  # the corpus has tagged items of both kinds


def test_edited_and_deleted_items_update_the_bits(loaded, django_capture_on_commit_callbacks):
    issue = Issue.objects.filter(report__item_themes__kind="issue").first()
    with django_capture_on_commit_callbacks(execute=True):
        issue.headline, issue.text = "营商环境仍需优化", "审批事项多，市场主体办事难。"
        issue.save()
    assert _stored_bits() == _bits_from_items()
    with django_capture_on_commit_callbacks(execute=True):
        Issue.objects.filter(report=issue.report).delete()
    assert _stored_bits()[issue.report_id][0] == 0
    assert _stored_bits() == _bits_from_items()


def test_a_deleted_theme_leaves_every_report_and_frees_its_bit(loaded):
    theme = Theme.objects.get(name="执法")
    mask = 1 << theme.bit
    assert ReportAnalysis.objects.filter(issue_themes__gt=0).exists()
    theme.delete()
    assert not any(issue & mask or plan & mask for issue, plan in _stored_bits().values())
    new = Theme.objects.create(name="新主题", keywords="新词")
    assert new.bit == theme.bit
