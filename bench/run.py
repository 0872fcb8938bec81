"""Benchmark: generate N reports, load them with the real loader, time search, facets, detail
pages and ripgrep. The last stdout line is one JSON object.

    python bench/run.py --reports 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lr_bench python bench/run.py --reports 100000

The database (DATABASE_URL, default lr_bench on the local PostgreSQL) is dropped, recreated
and migrated unless --reuse is given; its name must contain "bench".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.loader import LOADERS  # noqa: E402

DEFAULT_CORPUS = Path(os.environ.get("BENCH_CORPUS", "/tmp/lawreports-bench"))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_benchmark(
    n: int, corpus: Path, *, workers: int = 2, loader: str = "batch", repeat: int = 5,
    load: bool = True, explain: bool = False, plans: bool = True,
) -> dict:  # fmt: skip
    """Everything after the database exists and is migrated (the smoke test enters here)."""
    from django.db import connection

    from bench import measure
    from bench.corpus import write_corpus
    from bench.loader import load_corpus

    started = time.perf_counter()
    raw, text = write_corpus(n, corpus / str(n))
    log(f"corpus: {n} reports in {corpus} ({time.perf_counter() - started:.1f}s)")
    files = sorted(raw.iterdir())[:n]
    result: dict = {
        "reports": n,
        "database": connection.vendor,
        "workers": workers,
        "loader": loader,
    }
    if load:
        seconds, counts, failures = load_corpus(
            files, workers=workers, loader=loader, progress=_progress
        )
        for name, reason in failures[:5]:
            log(f"FAILED {name}: {reason}")
        result.update(load_seconds=round(seconds, 2), load_reports_per_s=round(n / seconds, 1))
        result["load_failures"] = len(failures)
        result["loadavg_after_load"] = round(os.getloadavg()[0], 1)  # other work on the machine
    searches, repeated = measure.time_searches(repeat)
    sql = measure.time_sql(repeat)
    facets = measure.time_facets(repeat)
    details = measure.time_details(max(20, repeat * 10))
    rg = measure.time_rg(text, max(1, repeat // 2))
    for key, timings in searches.items():
        log(
            f"  {max(timings):8.1f} ms max  repeated {max(repeated[key]):7.1f}  "
            f"sql {max(sql[key]):7.1f}  rg {max(rg[key]):8.1f}  {key}"
        )
    p50, p95 = measure.summary(searches)
    repeated_p50, repeated_p95 = measure.summary(repeated)
    result.update(
        search_p50_ms=round(p50, 1),
        search_p95_ms=round(p95, 1),
        search_repeated_p50_ms=round(repeated_p50, 1),
        search_repeated_p95_ms=round(repeated_p95, 1),
        sql_p95_ms=round(measure.summary(sql)[1], 1),
        facets_p95_ms=round(measure.percentile(facets, 95), 1),
        detail_p95_ms=round(measure.percentile(details, 95), 1),
        rg_p95_ms=round(measure.summary(rg)[1], 1),
    )
    result["search_over_sql"] = round(result["search_p95_ms"] / max(result["sql_p95_ms"], 0.01), 1)
    result["rg_over_search"] = round(result["rg_p95_ms"] / max(result["search_p95_ms"], 0.01), 1)
    if plans:
        result["seq_scans"] = _seq_scans(searches, explain=explain)
    result["loadavg_after_measure"] = round(os.getloadavg()[0], 1)
    return result


def _seq_scans(searches: dict[str, list[float]], *, explain: bool) -> list[str]:
    """Big-table sequential scans in the plans of every query the mix runs (EXPLAIN only);
    with `explain`, the slowest requests' SQL is explained with ANALYZE on stderr."""
    from bench import plans
    from bench.queries import SEARCHES

    found: set[str] = set()
    slowest = sorted(SEARCHES, key=lambda q: -max(searches[f"{q.label}: {q.params}"]))
    for rank, query in enumerate(slowest):
        for captured in plans.captured_queries(query.params):
            sql = captured["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            found |= {
                f"{t} ({query.label})" for t in plans.seq_scans(plans.explain(sql, analyze=False))
            }
            if explain and rank < 3 and float(captured["time"]) > 0.005:
                log(f"\n-- {query.label} {query.params} ({float(captured['time']) * 1000:.1f} ms)")
                log(sql)
                log(plans.explain(sql))
    return sorted(found)


def _progress(done: int, total: int) -> None:
    if done % 5000 < 100 or done == total:
        log(f"  loaded {done}/{total}")


def worker_rss(url: str) -> dict:
    """RSS of a fresh process after serving the mix (what one web worker holds)."""
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "worker_rss.py")],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2, help="loader processes")
    parser.add_argument("--loader", choices=LOADERS, default="batch")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest")
    parser.add_argument("--no-plans", action="store_true", help="skip the Seq Scan sweep")
    args = parser.parse_args(argv)

    from bench import database

    url = os.environ.get("DATABASE_URL") or database.DEFAULT_URL
    if not args.reuse:
        database.reset_database(url)
    database.configure(url)
    database.migrate()
    result = run_benchmark(
        args.reports, args.corpus, workers=args.workers, loader=args.loader, repeat=args.repeat,
        load=not args.reuse, explain=args.explain, plans=not args.no_plans,
    )  # fmt: skip
    result.update(worker_rss(url))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
