"""Run a per-report action once, after the surrounding transaction commits.

Admin saves touch a report and many of its sections in one transaction; derived data (the
search index, the analysis) is rebuilt once per report when that transaction commits, and not
at all when it rolls back.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction


class _Batch:
    def __init__(self, action: Callable[[int], None]) -> None:
        self.action = action
        self.ids: set[int] = set()
        self.flushed = False

    def flush(self) -> None:
        self.flushed = True
        ids, self.ids = self.ids, set()
        for report_id in sorted(ids):
            self.action(report_id)


def once_after_commit(name: str, report_id: int, action: Callable[[int], None]) -> None:
    """Schedule `action(report_id)`; calls with the same `name` in one transaction share one
    batch. Outside a transaction the action runs at once."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        action(report_id)
        return
    batches: dict[str, _Batch] = connection.__dict__.setdefault("_deferred_batches", {})
    batch = batches.get(name)
    # A rolled-back transaction drops its callbacks: start a new batch then.
    live = (
        batch is not None
        and not batch.flushed
        and any(entry[1] == batch.flush for entry in connection.run_on_commit)
    )
    if not live:
        batch = batches[name] = _Batch(action)
        transaction.on_commit(batch.flush)
    batch.ids.add(report_id)
