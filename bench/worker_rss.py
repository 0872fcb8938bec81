"""A fresh process that serves the query mix like a web worker, then prints its RSS in MB.

DATABASE_URL=… python bench/worker_rss.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process, from /proc."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawreports.settings")
    import django

    django.setup()
    from bench.measure import time_details, time_facets, time_searches

    for _ in range(2):
        time_searches(repeat=1)
        time_facets(repeat=1)
        time_details(samples=50)
    current, peak = rss_mb()
    print(json.dumps({"worker_rss_mb": round(current, 1), "worker_peak_rss_mb": round(peak, 1)}))


if __name__ == "__main__":
    main()
