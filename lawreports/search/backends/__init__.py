"""One search interface, one module per database vendor, chosen by `connection.vendor`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from django.db import connection as default_connection

if TYPE_CHECKING:
    from lawreports.search.indexing import Document
    from lawreports.search.query import ParsedQuery, Piece

Params = list[Any]


@dataclass(frozen=True)
class MatchedIds:
    """A match's id set computed once: `ids` (a bigint[] literal, `{1,2,…}`), or, when
    `dense`, every report with an id in low..high except `ids`. `low`/`high` bound the
    matched ids either way (None when nothing matched)."""

    count: int
    ids: str
    low: int | None = None
    high: int | None = None
    dense: bool = False
    values: np.ndarray | None = field(default=None, compare=False, repr=False)  # `ids`, sorted


def parse_ids(literal: str) -> np.ndarray:
    """'{1,2,3}' (a bigint[] as text) → ids, in the literal's order."""
    inner = literal.strip("{}")
    if not inner:
        return np.zeros(0, dtype=np.int64)
    return np.array(inner.split(","), dtype=np.int64)


def ids_literal(ids: np.ndarray) -> str:
    return "{" + ",".join(map(str, ids.tolist())) + "}"


class SearchBackend:
    """What a vendor module provides. SQL conditions refer to the document table as `d`."""

    def __init__(self, connection: Any) -> None:
        from lawreports.search.models import ReportSearchDocument

        self.connection = connection
        self.table = connection.ops.quote_name(ReportSearchDocument._meta.db_table)

    def write(self, docs: list[Document], *, fresh: bool = False) -> None:
        """Store the documents, replacing any a report already has. `fresh` promises that
        none of these reports has a document yet (a bulk load of new reports): the backend
        may then skip the replace and use a cheaper bulk path."""
        raise NotImplementedError

    def delete(self, report_ids: list[int]) -> None:
        raise NotImplementedError

    def delete_missing(self) -> None:
        """Drop documents whose report no longer exists."""
        raise NotImplementedError

    def piece_sql(self, piece: Piece) -> tuple[str, Params]:
        """A condition true when the report's text contains the piece."""
        raise NotImplementedError

    def ranked(
        self,
        filtered: tuple[str, Params],
        query: ParsedQuery,
        offset: int,
        limit: int,
        *,
        ids: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        """(report id, score) for rows `offset:offset+limit` of the matching reports given
        as SQL selecting one `id` column, best first; `ids`, when known, are the same
        reports' ids ascending (a backend may use them instead)."""
        raise NotImplementedError

    def match_ids(self, query: ParsedQuery) -> MatchedIds | None:
        """The matching ids computed once, to pass to later statements as a constant, or
        None when the backend filters by match_sql's subquery instead."""
        return None

    def match_sql(self, query: ParsedQuery) -> tuple[str, Params]:
        """SQL selecting the ids of reports matching the whole boolean query."""
        conditions: list[str] = []
        params: Params = []
        for clause in query.clauses:
            alternatives = []
            for term in clause.terms:
                parts = []
                for piece in term.pieces:
                    sql, piece_params = self.piece_sql(piece)
                    parts.append(sql)
                    params.extend(piece_params)
                alternatives.append("(" + " AND ".join(parts) + ")")
            condition = "(" + " OR ".join(alternatives) + ")"
            conditions.append(f"NOT {condition}" if clause.negated else condition)
        where = " AND ".join(conditions)
        return f"SELECT d.report_id FROM {self.table} d WHERE {where}", params


def get_backend(connection: Any = None) -> SearchBackend:
    connection = connection or default_connection
    if connection.vendor == "postgresql":
        from lawreports.search.backends.postgres import PostgresBackend

        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        from lawreports.search.backends.sqlite import SqliteBackend

        return SqliteBackend(connection)
    raise NotImplementedError(f"no search backend for {connection.vendor}")
