"""The SQL behind the slowest requests, explained; sequential scans of big tables flagged."""

from __future__ import annotations

import re

BIG_TABLES = ("reports_report", "reports_section", "search_reportsearchdocument",
              "reports_issue", "reports_plan")  # fmt: skip
_SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def captured_queries(params: dict[str, str], path: str = "/api/reports") -> list[dict]:
    """The SQL one request ran, with timings, slowest first."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        Client().get(path, params)
    return sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))


def explain(sql: str, *, analyze: bool = True) -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        prefix = "EXPLAIN QUERY PLAN "
    else:
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if analyze else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())


def seq_scans(plan: str) -> list[str]:
    return [t for t in _SEQ_SCAN.findall(plan) if t in BIG_TABLES]
