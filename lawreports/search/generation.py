"""The data generation (migration search 0004): a token that changes whenever the search
documents, reports, agencies, regions or analysis rows change, and never repeats."""

from __future__ import annotations

from typing import Any


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
