"""Load the corpus in parallel processes, through the real loader or the bulk prototype.

Each worker is a fork of this process holding its own database connection and calls
`load_files` (the function behind `manage.py load_reports`: parse_file + store_report) or
bench/bulkstore.py's batch path (the same parser, store helpers and index builder) on chunks.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

CHUNK = 100


LOADERS = ("real", "bulk", "bulk-no-analysis")


def _load_chunk(job: tuple[str, list[Path]]) -> tuple[Counter[str], list[tuple[str, str]]]:
    """`real`: load_files (manage.py load_reports); `bulk`: bench/bulkstore.py."""
    loader, files = job
    if loader == "real":
        from lawreports.reports.services.loading import load_files

        summary = load_files(files)
        return summary.counts, summary.failures
    from bench.bulkstore import load_files_bulk

    return load_files_bulk(files, analyse=loader == "bulk")


def _reset_connections() -> None:
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.close()


def load_corpus(
    files: list[Path],
    *,
    workers: int = 2,
    loader: str = "real",
    progress: Callable[[int, int], None] | None = None,
) -> tuple[float, Counter[str], list[tuple[str, str]]]:
    """(seconds, outcome counts, failures); analyses the tables at the end (in the timing)."""
    from django.db import connection

    counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    chunks = [(loader, files[i : i + CHUNK]) for i in range(0, len(files), CHUNK)]
    started = time.perf_counter()
    if workers <= 1:
        for chunk in chunks:
            done, failed = _load_chunk(chunk)
            counts += done
            failures += failed
            if progress:
                progress(sum(counts.values()) + len(failures), len(files))
    else:
        _reset_connections()  # a forked child must not share the parent's socket
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(workers, initializer=_reset_connections) as pool:
            for done, failed in pool.imap_unordered(_load_chunk, chunks):
                counts += done
                failures += failed
                if progress:
                    progress(sum(counts.values()) + len(failures), len(files))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum would do soon after a bulk load
    return time.perf_counter() - started, counts, failures
