"""Keep the index current when a report or section is edited outside a bulk load."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lawreports.reports.deferred import once_after_commit
from lawreports.reports.models import Report, Section
from lawreports.search.indexing import index_report, is_suspended, unindex_report

INDEXED_REPORT_FIELDS = {"title", "preamble", "body_text"}


def schedule(report_id: int) -> None:
    once_after_commit("search", report_id, index_report)  # deletes the doc if the report is gone


@receiver(post_save, sender=Report, dispatch_uid="search_report_saved")
def report_saved(sender, instance: Report, created: bool, update_fields=None, **kwargs) -> None:
    if is_suspended() or kwargs.get("raw"):
        return
    if update_fields is not None and not INDEXED_REPORT_FIELDS & set(update_fields):
        return
    schedule(instance.pk)


@receiver(post_save, sender=Section, dispatch_uid="search_section_saved")
@receiver(post_delete, sender=Section, dispatch_uid="search_section_deleted")
def section_changed(sender, instance: Section, **kwargs) -> None:
    if is_suspended() or kwargs.get("raw"):
        return
    schedule(instance.report_id)


@receiver(post_delete, sender=Report, dispatch_uid="search_report_deleted")
def report_deleted(sender, instance: Report, **kwargs) -> None:
    unindex_report(instance.pk)  # always: an FTS5 row has no foreign key to cascade
