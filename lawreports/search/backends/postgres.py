"""PostgreSQL: application-segmented tsvectors with a GIN index; strpos verifies phrases.

tsvector and tsquery values are built as literals in Python with every lexeme quoted and are
passed as bound parameters cast to the type: no user text reaches to_tsquery's parser, and no
text-search parser re-splits our tokens.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from lawreports.search.backends import MatchedIds, Params, SearchBackend
from lawreports.search.indexing import Document
from lawreports.search.query import Clause, ParsedQuery, Piece

MAX_POSITION = 16383  # tsvector limit
MAX_POSITIONS_PER_LEXEME = 255
# ts_rank weights in D, C, B, A order: bigrams (D) count next to nothing.
RANK_WEIGHTS = "{0.01,0.2,0.4,1.0}"
# Ranking reads every candidate's vector back from TOAST; rank only this many matches, picked
# title/heading matches first (the small `head` vector), then newest.
RANK_CANDIDATES = 300


def lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


_labels: dict[str, list[str]] = {}


def _position_labels(weight: str) -> list[str]:
    """[",0W", ",1W", …, ",16383W"]: built once per weight, not once per occurrence."""
    labels = _labels.get(weight)
    if labels is None:
        labels = _labels[weight] = [f",{pos}{weight}" for pos in range(MAX_POSITION + 1)]
    return labels


def _needs_escaping(items: Iterable[str]) -> bool:
    joined = "".join(items)
    return "'" in joined or "\\" in joined


def tsvector_literal(weighted: list[tuple[str, list[str]]], bare: set[str] = frozenset()) -> str:
    """Lexemes in first-occurrence order with their first 255 positions (which stop at
    16383), then the `bare` lexemes (in the set's order) that have no position."""
    # token → ",1A,5C,…": appending to a string beats a list per lexeme.
    positions: dict[str, str] = {}
    get = positions.get
    pos = 0  # the last position used
    clamped = False
    for weight, tokens in weighted:
        n = len(tokens)
        all_labels = _position_labels(weight)
        labels = all_labels[pos + 1 : pos + 1 + n]
        if len(labels) < n:  # past the tsvector limit every occurrence sits at 16383
            labels += [all_labels[MAX_POSITION]] * (n - len(labels))
            clamped = True
        pos = min(pos + n, MAX_POSITION)
        for token, label in zip(tokens, labels, strict=True):
            positions[token] = get(token, "") + label
    # 256 labels take at least 768 characters: only then can the cap apply.
    longest = max(map(len, positions.values()), default=0)
    if clamped or longest >= 3 * (MAX_POSITIONS_PER_LEXEME + 1):
        positions = {
            token: "," + ",".join(dict.fromkeys(labels[1:].split(",")[:MAX_POSITIONS_PER_LEXEME]))
            for token, labels in positions.items()
        }
    out = []
    if positions:
        if _needs_escaping(positions):
            out += [f"{lexeme(t)}:{labels[1:]}" for t, labels in positions.items()]
        else:
            out += [f"'{t}':{labels[1:]}" for t, labels in positions.items()]
    rest = [g for g in bare if g not in positions]
    if rest:
        if _needs_escaping(rest):
            out += map(lexeme, rest)
        else:
            out.append("'" + "' '".join(rest) + "'")
    return " ".join(out)


def tsquery_literal(tokens: list[str] | tuple[str, ...], op: str) -> str:
    return f" {op} ".join(lexeme(t) for t in tokens)


class PostgresBackend(SearchBackend):
    def write(self, docs: list[Document], *, fresh: bool = False) -> None:
        now = timezone.now()
        rows = [
            (
                doc.report_id,
                doc.text,
                tsvector_literal(
                    [("A", doc.title), ("B", doc.headings), ("C", doc.body)], doc.grams
                ),
                tsvector_literal([("A", doc.title), ("B", doc.headings)]),
                now,
            )
            for doc in docs
        ]
        columns = "report_id, text, vector, head, indexed_at"
        with self.connection.cursor() as cursor:
            if fresh:
                # COPY skips per-row statement overhead and the conflict check; COPY's text
                # format reads the literals with tsvector's own input function, as ::tsvector
                # does. Runs on the caller's connection, so inside its transaction.
                with (
                    self.connection.wrap_database_errors,
                    cursor.cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy,
                ):
                    for row in rows:
                        copy.write_row(row)
                return
            cursor.executemany(
                f"INSERT INTO {self.table} ({columns}) "
                "VALUES (%s, %s, %s::tsvector, %s::tsvector, %s) "
                "ON CONFLICT (report_id) DO UPDATE SET text = EXCLUDED.text, "
                "vector = EXCLUDED.vector, head = EXCLUDED.head, indexed_at = EXCLUDED.indexed_at",
                rows,
            )

    def delete(self, report_ids: list[int]) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {self.table} WHERE report_id = ANY(%s)", [list(report_ids)]
            )

    def delete_missing(self) -> None:
        pass  # the foreign key cascades

    def piece_sql(self, piece: Piece) -> tuple[str, Params]:
        """A condition on `d` (the base interface); match_sql below uses id sets instead."""
        sql, params = self._piece_ids(piece)
        return f"d.report_id IN ({sql})", params

    def _piece_ids(self, piece: Piece) -> tuple[str, Params]:
        """SQL selecting the ids of reports whose text contains the piece."""
        select = f"SELECT x.report_id FROM {self.table} x WHERE "
        if not piece.grams:
            return select + "strpos(x.text, %s) > 0", [piece.text]
        grams = tsquery_literal(piece.grams, "&")
        if piece.exact_by_grams:
            return select + "x.vector @@ %s::tsquery", [grams]
        if not piece.is_word:
            # The GIN index narrows to reports holding every bigram; strpos makes it exact.
            return select + "x.vector @@ %s::tsquery AND strpos(x.text, %s) > 0", [
                grams,
                piece.text,
            ]
        # Reports holding the piece as an indexed word match from the index alone (no TOAST
        # read); only the rest (crossing word boundaries) pay for reading the text. The GIN
        # index evaluates `& !word` exactly, so strpos runs on those few reports only.
        word = lexeme(piece.text)
        return (
            f"{select}x.vector @@ %s::tsquery UNION ALL "
            f"{select}x.vector @@ %s::tsquery AND strpos(x.text, %s) > 0",
            [word, f"{grams} & !{word}", piece.text],
        )

    def match_sql(self, query: ParsedQuery) -> tuple[str, Params]:
        """Set algebra over id sets (pieces INTERSECT, alternatives UNION, exclusions
        EXCEPT), run by lawreports_search_ids (migration 0002) with exact bitmaps and no
        sequential scan; the id set is computed once per statement."""
        params: Params = []

        def ids(piece: Piece) -> str:
            sql, piece_params = self._piece_ids(piece)
            params.extend(piece_params)
            return f"({sql})"

        def clause_sql(clause: Clause) -> str:
            terms = [" INTERSECT ".join(ids(p) for p in term.pieces) for term in clause.terms]
            return " UNION ".join(f"({t})" for t in terms)

        positive = [c for c in query.clauses if not c.negated]
        negative = [c for c in query.clauses if c.negated]
        sql = " INTERSECT ".join(f"({clause_sql(c)})" for c in positive)
        if negative:
            sql = f"({sql})" + "".join(f" EXCEPT ({clause_sql(c)})" for c in negative)
        # Number the placeholders for EXECUTE ... USING params: $1[1], $1[2], ...
        parts = sql.split("%s")
        numbered = parts[0] + "".join(f"$1[{i}]{part}" for i, part in enumerate(parts[1:], 1))
        return (
            "SELECT lr_match.id FROM lawreports_search_ids(%s, %s::text[]) AS lr_match(id)",
            [numbered, [str(p) for p in params]],
        )

    def match_ids(self, query: ParsedQuery) -> MatchedIds:
        """Run the match once and keep its id set as a constant for the later statements
        (facets, count, ranking), which then never match again. A set holding most reports
        of its id range is kept as that range minus the few reports not matched (a term in
        98% of 100k reports: 2k ids instead of 97k, which would cost ~50 ms per statement to
        send, parse and plan); otherwise as the ids. Either way the planner gets a constant
        and so the exact row count. Ids travel as `{1,2,…}` text, never as Python ints."""
        from lawreports.reports.models import Report

        reports = self.connection.ops.quote_name(Report._meta.db_table)
        sql, params = self.match_sql(query)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"WITH m AS MATERIALIZED ({sql}), "
                # Dense when the matches fill most of their id range (deleted ids aside).
                "b AS (SELECT count(*) AS n, min(m.id) AS lo, max(m.id) AS hi FROM m) "
                "SELECT b.n, b.lo, b.hi, 2 * b.n > b.hi - b.lo + 1, CASE "
                "WHEN 2 * b.n > b.hi - b.lo + 1 THEN (SELECT coalesce(array_agg(r.id)::text, "
                f"'{{}}') FROM {reports} r WHERE r.id BETWEEN b.lo AND b.hi "
                "AND NOT EXISTS (SELECT FROM m WHERE m.id = r.id)) "
                "ELSE (SELECT coalesce(array_agg(m.id)::text, '{}') FROM m) END FROM b",
                params,
            )
            count, low, high, dense, ids = cursor.fetchone()
        return MatchedIds(int(count), ids, low, high, dense=bool(dense))

    def ranked(
        self, filtered: tuple[str, Params], query: ParsedQuery, offset: int, limit: int
    ) -> list[tuple[int, float]]:
        """Rank a capped candidate set: title/heading matches first (through the GIN index
        on `head`), newest first, then the newest other matches; only their vectors are read."""
        sql, params = filtered
        rank_query = tsquery_literal(query.rank_tokens, "|")
        cap = max(RANK_CANDIDATES, offset + limit)
        with self.connection.cursor() as cursor:
            cursor.execute(
                # m is read newest first and stops at `cap` rows: never materialised whole.
                f"WITH m AS NOT MATERIALIZED (SELECT u.id FROM ({sql}) AS u(id)), "
                # Head matches through the GIN index as an exact bitmap (never reading each
                # matched row's head back from TOAST), kept as a hash that the newest rows
                # of m probe (coalesce keeps the IN a hashed subplan, not a join of all m).
                "hm AS MATERIALIZED (SELECT hm.id FROM lawreports_search_ids("
                f"'SELECT d.report_id FROM {self.table} d WHERE d.head @@ $1[1]::tsquery', "
                "ARRAY[%s]) AS hm(id)), "
                "h AS MATERIALIZED (SELECT m.id AS report_id FROM m "
                "WHERE coalesce(m.id IN (SELECT hm.id FROM hm), false) "
                "ORDER BY m.id DESC LIMIT %s), "
                "c AS (SELECT report_id, 1 AS in_head FROM h UNION ALL "
                "(SELECT id, 0 FROM m WHERE id NOT IN (SELECT report_id FROM h) "
                "ORDER BY id DESC LIMIT %s)) "
                "SELECT c.report_id, ts_rank(%s::float4[], d.vector, %s::tsquery) AS score "
                f"FROM (SELECT * FROM c ORDER BY in_head DESC, report_id DESC LIMIT %s) c "
                f"JOIN {self.table} d ON d.report_id = c.report_id "
                "ORDER BY score DESC, c.report_id DESC LIMIT %s OFFSET %s",
                [*params, rank_query, cap, cap, RANK_WEIGHTS, rank_query, cap, limit, offset],
            )
            return [(pk, float(score)) for pk, score in cursor.fetchall()]
