"""Keep the index current when a report or section is edited outside a bulk load."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lawreports.reports.models import Report, Section
from lawreports.search.indexing import index_report, is_suspended, unindex_report

INDEXED_REPORT_FIELDS = {"title", "preamble", "body_text"}


class _Pending:
    """Report ids to re-index once, after the surrounding transaction commits."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.flushed = False

    def flush(self) -> None:
        self.flushed = True
        ids, self.ids = self.ids, set()
        for report_id in sorted(ids):
            index_report(report_id)  # deletes the document if the report is gone


def schedule(report_id: int) -> None:
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        index_report(report_id)
        return
    pending = getattr(conn, "_search_pending", None)
    # A rolled-back transaction drops our callback; start a new batch then.
    registered = (
        pending is not None
        and not pending.flushed
        and any(entry[1] == pending.flush for entry in conn.run_on_commit)
    )
    if not registered:
        pending = _Pending()
        conn._search_pending = pending
        transaction.on_commit(pending.flush)
    pending.ids.add(report_id)


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
