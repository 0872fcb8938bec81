"""SQLite: an FTS5 table over pre-segmented, space-joined tokens; instr verifies phrases.

Every token in a MATCH string is double-quoted, so FTS5 operators in user text are inert.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawreports.search.backends import Params, SearchBackend
from lawreports.search.indexing import Document
from lawreports.search.query import ParsedQuery, Piece

if TYPE_CHECKING:
    import numpy as np

FTS_TABLE = "search_fts"
# bm25 column weights: title, headings, body, bigrams (bigrams only find, never rank).
BM25 = f"bm25({FTS_TABLE}, 10.0, 5.0, 1.0, 0.0)"


def fts_token(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


class SqliteBackend(SearchBackend):
    def write(self, docs: list[Document], *, fresh: bool = False) -> None:
        from lawreports.search.models import ReportSearchDocument

        if not fresh:  # fresh: nothing to replace
            self.delete([doc.report_id for doc in docs])
        ReportSearchDocument.objects.bulk_create(
            [ReportSearchDocument(report_id=doc.report_id, text=doc.text) for doc in docs]
        )
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, headings, body, grams) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (
                        doc.report_id,
                        " ".join(doc.title),
                        " ".join(doc.headings),
                        " ".join(doc.body),
                        " ".join(sorted(doc.grams)),
                    )
                    for doc in docs
                ],
            )

    def delete(self, report_ids: list[int]) -> None:
        from lawreports.search.models import ReportSearchDocument

        ReportSearchDocument.objects.filter(report_id__in=report_ids).delete()
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in report_ids]
            )

    def delete_missing(self) -> None:
        from lawreports.reports.models import Report
        from lawreports.search.models import ReportSearchDocument

        ReportSearchDocument.objects.exclude(report_id__in=Report.objects.values("pk")).delete()
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN (SELECT report_id FROM {self.table})"
            )

    def piece_sql(self, piece: Piece) -> tuple[str, Params]:
        if not piece.grams:
            return "instr(d.text, %s) > 0", [piece.text]
        match = " AND ".join(fts_token(g) for g in piece.grams)
        in_fts = f"d.report_id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        if piece.exact_by_grams:
            return in_fts, [match]
        verified = f"({in_fts} AND instr(d.text, %s) > 0)"
        if not piece.is_word:
            return verified, [match, piece.text]
        # An indexed word needs no check; OR short-circuits before instr.
        return f"({in_fts} OR {verified})", [fts_token(piece.text), match, piece.text]

    def ranked(
        self,
        filtered: tuple[str, Params],
        query: ParsedQuery,
        offset: int,
        limit: int,
        *,
        ids: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        sql, params = filtered
        match = " OR ".join(fts_token(t) for t in query.rank_tokens)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.report_id, COALESCE(s.score, 0.0) AS score FROM {self.table} d "
                f"LEFT JOIN (SELECT rowid AS rid, -{BM25} AS score FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s) s ON s.rid = d.report_id "
                f"WHERE d.report_id IN ({sql}) "
                "ORDER BY score DESC, d.report_id DESC LIMIT %s OFFSET %s",
                [match, *params, limit, offset],
            )
            return [(pk, float(score)) for pk, score in cursor.fetchall()]
