import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session", autouse=True)
def dataset_root(tmp_path_factory) -> Path:
    """load_reports rebuilds the downloadable dataset: into a temporary folder, never the
    repository's (subprocesses inherit it through the environment)."""
    from django.conf import settings

    root = tmp_path_factory.mktemp("dataset")
    settings.DATASET_ROOT = root
    os.environ["DATASET_ROOT"] = str(root)
    return root


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def postgres_only():
    """Skip outside PostgreSQL, but never in CI's PostgreSQL run."""
    from django.db import connection

    if connection.vendor != "postgresql":
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            pytest.fail("DATABASE_URL names PostgreSQL but the connection is not PostgreSQL")
        pytest.skip("PostgreSQL-only test (run with DATABASE_URL=postgres://…)")
