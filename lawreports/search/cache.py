"""What each process keeps per data generation (PostgreSQL): recent match results, every
report id, and the facet columns (browsing/columns.py) — all the caches in one place, beside
the generation that invalidates them (generation.py; WATCHED lists the tables it follows and
tests/browsing/test_caches.py fails when a table feeding these caches is not among them).

An exact match can cost up to a second at 100 000 reports (a common phrase is verified
against the text of every report holding its bigrams), and a reader who pages or narrows a
search by its facets repeats the same match with every click. Each process keeps
the id sets of recent slow matches keyed by the data generation (search/generation.py: it
changes in the same transaction as any write to the search documents, and never repeats)
and the match statement, so an entry is never served once the index has changed.
Nothing here is state: a lost entry is recomputed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from lawreports.search.backends import MatchedIds, parse_ids

MAX_BYTES = 32 * 1024 * 1024  # per process; an entry costs about its id list's length
MIN_SECONDS = 0.02  # cheaper matches are recomputed rather than kept

Key = tuple[Any, ...]
T = TypeVar("T")

_entries: OrderedDict[Key, MatchedIds] = OrderedDict()
_size = 0
_lock = threading.Lock()


def _cost(matched: MatchedIds) -> int:
    values = matched.values.nbytes if matched.values is not None else 0
    return len(matched.ids) + values + 200


def get(key: Key) -> MatchedIds | None:
    with _lock:
        matched = _entries.get(key)
        if matched is not None:
            _entries.move_to_end(key)
        return matched


def put(key: Key, matched: MatchedIds) -> None:
    global _size
    cost = _cost(matched)
    if cost > MAX_BYTES:
        return
    with _lock:
        old = _entries.pop(key, None)
        if old is not None:
            _size -= _cost(old)
        _entries[key] = matched
        _size += cost
        while _size > MAX_BYTES:
            _, dropped = _entries.popitem(last=False)
            _size -= _cost(dropped)


# (what, database) → (generation, value): one value per kind and database, the newest only
_per_generation: dict[tuple[str, str], tuple[str, Any]] = {}


def kept(what: str, alias: str, generation: str | None, build: Callable[[], T]) -> T:
    """The value `build` makes, kept for `alias` while its generation stays `generation`
    (built every time when there is none: "unknown", keep nothing)."""
    if generation is not None:
        found = _per_generation.get((what, alias))
        if found is not None and found[0] == generation:
            return found[1]
    value = build()
    if generation is not None:
        with _lock:
            _per_generation[(what, alias)] = (generation, value)
    return value


def report_ids(connection: Any, generation: str | None) -> np.ndarray:
    """Every report id at `generation` (read now when there is none to key it by)."""

    def read() -> np.ndarray:
        from lawreports.reports.models import Report

        table = connection.ops.quote_name(Report._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(array_agg(id ORDER BY id)::text, '{{}}') FROM {table}")
            return parse_ids(cursor.fetchone()[0])

    return kept("report_ids", connection.alias, generation, read)


def clear() -> None:
    """Forget the kept matches (the per-generation values stay: they are cheap to keep)."""
    global _size
    with _lock:
        _entries.clear()
        _size = 0


def clear_all() -> None:
    """Forget everything kept here, the facet columns included."""
    clear()
    with _lock:
        _per_generation.clear()
