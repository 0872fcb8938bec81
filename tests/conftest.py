import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


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
