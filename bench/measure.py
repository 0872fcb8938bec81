"""Timings over the query mix: the API end to end, the bare index count, facets, detail pages,
and ripgrep over the same reports as text files."""

from __future__ import annotations

import random
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

from bench.queries import FACET_PARAMS, SEARCHES, BenchQuery


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def _ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def time_searches(repeat: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """API request timings (ms) per query, after one untimed warm-up request each: as a new
    query (the process's kept matches cleared before each request, search/cache.py), and
    repeated (the match kept, as when a reader pages or narrows by a facet)."""
    from django.test import Client

    from lawreports.search import cache

    client = Client()
    new: dict[str, list[float]] = {}
    repeated: dict[str, list[float]] = {}
    for query in SEARCHES:
        key = f"{query.label}: {query.params}"

        def get(query: BenchQuery = query) -> None:
            response = client.get("/api/reports", query.params)
            assert response.status_code == 200, response.status_code

        def get_new(query: BenchQuery = query) -> None:
            cache.clear()
            get(query)

        get()
        new[key] = [_ms(get_new) for _ in range(repeat)]
        get()
        repeated[key] = [_ms(get) for _ in range(repeat)]
    return new, repeated


def time_sql(repeat: int) -> dict[str, list[float]]:
    """The bare index-backed count of the same queries' text part."""
    from django.db import connection

    from lawreports.search.backends import get_backend
    from lawreports.search.query import parse_query

    out: dict[str, list[float]] = {}
    with connection.cursor() as cursor:
        for query in SEARCHES:
            sql, params = get_backend().match_sql(parse_query(query.params["q"]))

            def count(sql: str = sql, params: list = params) -> None:
                cursor.execute(f"SELECT count(*) FROM ({sql}) m", params)
                cursor.fetchone()

            count()
            out[f"{query.label}: {query.params}"] = [_ms(count) for _ in range(repeat)]
    return out


def time_facets(repeat: int) -> list[float]:
    from lawreports.browsing.columns import current
    from lawreports.browsing.counting import facets_and_ids
    from lawreports.browsing.params import select
    from lawreports.reports.models import Report
    from lawreports.search import search_reports

    timings = []
    for params in FACET_PARAMS:

        def run(params: dict = params) -> None:
            base, matched = Report.objects.all(), None
            if params.get("q"):
                searched = search_reports(params["q"], base)
                base, matched = searched.reports, searched.matched
            columns = current(base.db)
            facets_and_ids(select(params, columns), base, matched=matched, columns=columns)

        run()
        timings += [_ms(run) for _ in range(repeat)]
    return timings


def time_details(samples: int) -> list[float]:
    from django.test import Client

    from lawreports.reports.models import Report

    ids = list(Report.objects.order_by("pk").values_list("pk", flat=True))
    picks = random.Random(7).sample(ids, min(samples, len(ids)))
    client = Client()

    def get(pk: int) -> None:
        response = client.get(f"/reports/{pk}/")
        assert response.status_code == 200, response.status_code

    get(picks[0])
    return [_ms(lambda pk=pk: get(pk)) for pk in picks]


def _grep_command() -> list[str]:
    if shutil.which("rg"):
        return ["rg", "--files-with-matches", "--fixed-strings", "--no-messages"]
    return ["grep", "-r", "-l", "-F"]


def rg_query(query: BenchQuery, text_dir: Path) -> set[str]:
    """Files a researcher finds with ripgrep (or grep) for the query's words."""
    base = _grep_command()

    def files_with(patterns: tuple[str, ...], where: list[str]) -> set[str]:
        args = [a for p in patterns for a in ("-e", p)]
        done = subprocess.run([*base, *args, *where], capture_output=True, text=True)
        return set(done.stdout.split())

    if query.rg_any:
        found = files_with(query.rg_any, [str(text_dir)])
    else:
        found = files_with(query.rg_all[:1], [str(text_dir)])
        for pattern in query.rg_all[1:]:
            found = _narrow(files_with, pattern, found)
    for pattern in query.rg_exclude:
        found -= _narrow(files_with, pattern, found)
    return found


def _narrow(files_with: Callable, pattern: str, found: set[str]) -> set[str]:
    """Files of `found` containing `pattern`, passing the list in argv-sized batches."""
    ordered, out = sorted(found), set()
    for start in range(0, len(ordered), 5000):
        out |= files_with((pattern,), ordered[start : start + 5000])
    return out


def time_rg(text_dir: Path, repeat: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for query in SEARCHES:
        rg_query(query, text_dir)  # warm the page cache, like our warm-up request
        out[f"{query.label}: {query.params}"] = [
            _ms(lambda q=query: rg_query(q, text_dir)) for _ in range(repeat)
        ]
    return out


def summary(timings: dict[str, list[float]]) -> tuple[float, float]:
    every = [t for ts in timings.values() for t in ts]
    return median(every), percentile(every, 95)
