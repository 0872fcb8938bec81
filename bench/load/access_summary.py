"""Latency per kind of request from the load test's access log (bench/load/run.sh ACCESS_LOG=…).

    python bench/load/access_summary.py ACCESS_LOG

Server-side time only (from the worker taking the request to its last byte): the queueing
wrk sees on top is in its own report.
"""

import re
import sys
from collections import Counter, defaultdict

LINE = re.compile(r'^(\d{3}) (\S+) ([\d.]+) "GET (\S+) HTTP')
KINDS = [
    ("export", "/export/"),
    ("api", "/api/"),
    ("search page", "/reports/?"),
    ("detail page", "/reports/"),
    ("dataset", "/data/"),
    ("feed", "/feeds/"),
]


def kind(path: str) -> str:
    return next((name for name, prefix in KINDS if path.startswith(prefix)), "other page")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, -(-len(ordered) * q // 100) - 1))]


def main(path: str) -> None:
    times: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, Counter] = defaultdict(Counter)
    with open(path, encoding="utf-8", errors="replace") as log:
        lines = log.readlines()
    for line in lines:
        if match := LINE.match(line):
            status, _, seconds, target = match.groups()
            times[kind(target)].append(float(seconds))
            statuses[kind(target)][status] += 1
    print("| kind | requests | statuses | p50 | p95 | max |")
    print("| --- | ---: | --- | ---: | ---: | ---: |")
    for name in sorted(times, key=lambda n: -len(times[n])):
        t = times[name]
        codes = ", ".join(f"{c}×{n}" for c, n in sorted(statuses[name].items()))
        print(
            f"| {name} | {len(t)} | {codes} | {percentile(t, 50) * 1000:.0f} ms "
            f"| {percentile(t, 95) * 1000:.0f} ms | {max(t) * 1000:.0f} ms |"
        )


if __name__ == "__main__":
    main(sys.argv[1])
