"""The benchmark itself at N=30 on the test database: it runs and reports sane numbers."""

from __future__ import annotations

import pytest

from bench.corpus import generate
from bench.measure import percentile
from bench.run import run_benchmark

KEYS = {
    "reports", "load_seconds", "load_reports_per_s", "search_p50_ms", "search_p95_ms",
    "sql_p95_ms", "search_over_sql", "facets_p95_ms", "detail_p95_ms", "rg_p95_ms",
    "search_repeated_p50_ms", "search_repeated_p95_ms",
}  # fmt: skip
N = 30


def test_generator_is_deterministic_and_varied():
    first = [generate(i) for i in range(40)]
    assert [r.data for r in first] == [generate(i).data for i in range(40)]
    assert len({r.agency.division.code for r in first}) > 5
    assert len({r.year for r in first}) > 2
    assert any("報告" in r.text for r in first)  # some traditional
    assert all("法治政府建设" in r.text or "法治政府建設" in r.text for r in first)


def test_percentile_is_nearest_rank():
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0
    assert percentile(list(map(float, range(1, 101))), 95) == 95.0


@pytest.mark.django_db
def test_benchmark_runs_on_the_test_database(tmp_path):
    result = run_benchmark(N, tmp_path, workers=1, loader="batch", repeat=1, plans=False)

    assert result.keys() >= KEYS
    assert result["reports"] == N and result["load_failures"] == 0
    assert result["load_reports_per_s"] > 0
    for key in KEYS - {"reports"}:
        assert result[key] >= 0, key
    assert result["search_p50_ms"] <= result["search_p95_ms"]
    assert result["rg_p95_ms"] > 0

    from lawreports.reports.models import Report
    from lawreports.search import search_reports

    assert Report.objects.count() == N
    assert Report.objects.exclude(province=None).count() == N  # every region resolved
    assert search_reports("法治政府").count == N
