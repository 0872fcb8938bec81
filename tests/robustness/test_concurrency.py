"""Loaders and readers at once, in separate processes: no half-written report, no duplicate."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.robustness.support import REPO, SEEDS, database_url, manage, seed_variants

VARIANTS = 8


def stored_reports(db_url: str) -> int:
    done = manage("check_integrity", db_url=db_url)
    assert done.returncode == 0, done.stderr
    return int(re.search(r"ok: (\d+) reports", done.stdout).group(1))


def two_loaders_store_each_report_once(db_url: str, tmp_path) -> None:
    files = seed_variants(tmp_path / "in", VARIANTS)
    loaders = [
        manage("load_reports", str(tmp_path / "in"), db_url=db_url, wait=False) for _ in "ab"
    ]
    outputs = [loader.communicate(timeout=240) for loader in loaders]
    for loader, (_out, err) in zip(loaders, outputs, strict=True):
        assert loader.returncode == 0, err
    assert stored_reports(db_url) == len(files)


def readers_never_see_a_half_loaded_report(db_url: str, tmp_path) -> None:
    files = seed_variants(tmp_path / "in", VARIANTS) + [*SEEDS]
    loader = manage("load_reports", *map(str, files), db_url=db_url, wait=False)
    reader = subprocess.run(
        [sys.executable, str(REPO / "tests/robustness/reader.py"), str(loader.pid), *map(str, files)],
        env={**manage_env(db_url)}, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    _, err = loader.communicate(timeout=240)
    assert loader.returncode == 0, err
    assert reader.returncode == 0, reader.stderr
    seen = json.loads(reader.stdout.strip().splitlines()[-1])
    assert seen["problems"] == []
    assert seen["pages"] >= len(files)  # at least the final pass over every report
    assert stored_reports(db_url) == len(files)


def manage_env(db_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": db_url, "PYTHONPATH": str(REPO)}


# Each scenario on a SQLite file and on the PostgreSQL test database. The database fixtures
# are requested statically: pytest-django skips the test-database setup for a db fixture
# requested lazily from another fixture, and the subprocesses would hit the real database.
SCENARIOS = [two_loaders_store_each_report_once, readers_never_see_a_half_loaded_report]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_on_a_sqlite_file(scenario, sqlite_file_db, tmp_path):
    scenario(sqlite_file_db, tmp_path)


@pytest.mark.django_db(transaction=True)  # rows committed, so other processes see them
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_on_postgresql(scenario, postgres_only, tmp_path):
    scenario(database_url(), tmp_path)
