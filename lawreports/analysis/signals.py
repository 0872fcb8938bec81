"""Keep derived data in step with curators' edits in the admin."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lawreports.analysis.models import Theme
from lawreports.reports.deferred import once_after_commit
from lawreports.reports.models import Issue, Plan, Report, Section
from lawreports.search.indexing import is_suspended


@receiver(post_save, sender=Report, dispatch_uid="analysis_report_dates")
def report_saved(sender, instance: Report, update_fields=None, raw=False, **kwargs) -> None:
    # The loader suspends these signals and analyses the whole report once after storing.
    if raw or is_suspended():
        return
    if update_fields and not {"year", "published_on", "report_date"} & set(update_fields):
        return
    from lawreports.analysis.services import refresh_timeliness

    refresh_timeliness(instance)


@receiver(post_save, sender=Issue, dispatch_uid="analysis_issue_themes")
@receiver(post_save, sender=Plan, dispatch_uid="analysis_plan_themes")
def item_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    """A curator's new or edited issue/plan gets its themes now, not at the next full run."""
    if raw or is_suspended():
        return
    from lawreports.analysis.services import retag_item

    retag_item(instance)


@receiver(post_save, sender=Section, dispatch_uid="analysis_section_saved")
def section_saved(sender, instance: Section, raw: bool = False, **kwargs) -> None:
    """A curator's edit to a heading or kind can change completeness: re-analyse the report
    once the edit commits (the loader suspends this and analyses after storing)."""
    if raw or is_suspended():
        return
    once_after_commit("analysis", instance.report_id, _reanalyse)


def _reanalyse(report_id: int) -> None:
    from lawreports.analysis.services import analyse_report

    report = Report.objects.filter(pk=report_id).first()
    if report is not None:
        analyse_report(report)


@receiver(post_delete, sender=Issue, dispatch_uid="analysis_issue_deleted")
@receiver(post_delete, sender=Plan, dispatch_uid="analysis_plan_deleted")
def item_deleted(sender, instance, **kwargs) -> None:
    """A deleted issue/plan takes its themes along (cascade); the report's theme bits follow
    once the delete commits."""
    if is_suspended():
        return
    once_after_commit("theme_masks", instance.report_id, _refresh_masks)


def _refresh_masks(report_id: int) -> None:
    from lawreports.analysis.services import refresh_theme_masks

    refresh_theme_masks([report_id])


@receiver(post_delete, sender=Theme, dispatch_uid="analysis_theme_deleted")
def theme_deleted(sender, instance: Theme, **kwargs) -> None:
    from lawreports.analysis.services import forget_theme

    forget_theme(instance)
