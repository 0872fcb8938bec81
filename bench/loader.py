"""Load the corpus the way `manage.py load_reports --workers N` does, or one report at a time.

`batch`: load_files_parallel (new reports in batches, bulk.store_new). `single`: every file
through store_report in its own transaction, what reloads and curated reports take.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

LOADERS = ("batch", "single")


def load_corpus(
    files: list[Path],
    *,
    workers: int = 2,
    loader: str = "batch",
    progress: Callable[[int, int], None] | None = None,
) -> tuple[float, Counter[str], list[tuple[str, str]]]:
    """(seconds, outcome counts, failures); analyses the tables at the end (in the timing)."""
    from lawreports.reports.services import loading

    started = time.perf_counter()
    if loader == "single":
        summary = loading.LoadSummary()
        for done, path in enumerate(files, start=1):
            try:
                summary.counts[loading.load_file(path).status] += 1
            except Exception as exc:
                summary.failures.append((str(path), loading.failure_reason(exc)))
            if progress:
                progress(done, len(files))
    else:
        summary = loading.load_files_parallel(
            files,
            workers=workers,
            on_progress=(lambda done, _path: progress(done, len(files))) if progress else None,
        )
    loading.refresh_statistics(summary)  # what load_reports does after a large load
    return time.perf_counter() - started, summary.counts, summary.failures
