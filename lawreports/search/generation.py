"""The data generation (migrations search 0004, 0005): a token that changes whenever a table in
WATCHED changes, and never repeats. The caches keyed by it are in cache.py; a table that
feeds them must be watched (tests/browsing/test_caches.py checks both lists)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# The tables whose writes bump the generation (each has the trigger migration 0004 installs).
WATCHED = (
    "search_reportsearchdocument",
    "reports_report",
    "reports_agency",
    "reports_region",
    "analysis_reportanalysis",
    "analysis_theme",  # migration search 0005
)
TRIGGER = "lawreports_generation_bump"


def current(connection: Any) -> str | None:
    """This database's generation as seen by `connection` now; None where there is none
    (SQLite), which means "unknown": keep nothing."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(value::text, ',' ORDER BY slot) FROM lawreports_generation"
        )
        (values,) = cursor.fetchone()
    return f"{connection.settings_dict['NAME']}:{values}"


def unwatched(tables: Iterable[str]) -> set[str]:
    """The tables among `tables` whose writes would not change the generation."""
    return set(tables) - set(WATCHED)


def triggered_tables(connection: Any) -> set[str]:
    """PostgreSQL: the tables that carry the generation's trigger in this database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER],
        )
        return {row[0] for row in cursor.fetchall()}
