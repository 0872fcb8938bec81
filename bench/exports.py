"""Queries, time and peak memory of the exports and the dataset dump, each in a fresh process.

    DATABASE_URL=… python bench/exports.py [URL …]        (default: the URLS below)
    DATABASE_URL=… python bench/exports.py --dataset DIR  (the whole dump)

Prints one JSON line per measurement: queries run, rows, bytes, seconds, and the process's
resident memory before the request and at its peak (VmHWM), in MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

URLS = [
    "/export/reports.csv",
    "/export/issues.csv",
    "/export/plans.csv",
    "/export/figures.csv",
    "/export/figures.json",
    "/export/issues.csv?part=3",
    "/export/issues.json?province=云南省&year=2022",
    "/export/plans.csv?q=行政复议",
]


def measure_url(url: str) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.worker_rss import rss_mb

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.get("/export/themes.csv")  # a 404 that loads the URL conf and the views
    before = rss_mb()[0]
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
        size = lines = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    return {
        "url": url,
        "status": response.status_code,
        "queries": len(queries),
        "bytes": size,
        "lines": lines,
        "seconds": round(seconds, 2),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(rss_mb()[1], 1),
        "complete": response.get("X-Export-Complete"),
    }


def measure_dataset(directory: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.worker_rss import rss_mb
    from lawreports.analysis.dataset import write_dataset

    before = rss_mb()[0]
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        counts = write_dataset(Path(directory))
    size = sum(p.stat().st_size for p in Path(directory).iterdir())
    return {
        "dataset": counts,
        "queries": len(queries),
        "bytes": size,
        "seconds": round(time.perf_counter() - started, 1),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(rss_mb()[1], 1),
    }


def child(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawreports.settings")
    import django

    django.setup()
    if argv[0] == "--dataset":
        print(json.dumps(measure_dataset(argv[1]), ensure_ascii=False))
    else:
        print(json.dumps(measure_url(argv[0]), ensure_ascii=False))


def main(argv: list[str]) -> None:
    jobs = [argv] if argv and argv[0] == "--dataset" else [[u] for u in (argv or URLS)]
    for job in jobs:  # a fresh process each: peak memory is the request's own
        done = subprocess.run(
            [sys.executable, __file__, "--child", *job], capture_output=True, text=True
        )
        print(done.stdout.strip() or done.stderr.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
    else:
        main(sys.argv[1:])
