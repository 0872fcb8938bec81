"""PostgreSQL: application-segmented tsvectors with a GIN index; strpos verifies phrases.

tsvector and tsquery values are built as literals in Python with every lexeme quoted and are
passed as bound parameters cast to the type: no user text reaches to_tsquery's parser, and no
text-search parser re-splits our tokens.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import reduce

import numpy as np
from django.utils import timezone

from lawreports.search.backends import MatchedIds, Params, SearchBackend, ids_literal
from lawreports.search.indexing import Document
from lawreports.search.query import Clause, ParsedQuery, Piece

MAX_POSITION = 16383  # tsvector limit
MAX_POSITIONS_PER_LEXEME = 255
# ts_rank weights in D, C, B, A order: bigrams (D) count next to nothing.
RANK_WEIGHTS = "{0.01,0.2,0.4,1.0}"
# Ranking reads every candidate's vector back from TOAST; rank only this many matches, picked
# title/heading matches first (the small `head` vector), then newest.
RANK_CANDIDATES = 300
# Head matches are first looked for among this many times RANK_CANDIDATES newest matches.
HEAD_PROBE = 3


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


def _numbered(sql: str) -> str:
    """%s placeholders as $1[1], $1[2], … for EXECUTE … USING an array of parameters."""
    parts = sql.split("%s")
    return parts[0] + "".join(f"$1[{i}]{part}" for i, part in enumerate(parts[1:], 1))


def _distinct(ids: np.ndarray) -> np.ndarray:
    """Sorted distinct ids (np.unique hashes: ~50 ms for 100k ids; sort and diff, ~2 ms).
    Index scans return ids in table order, which is mostly id order: already ascending
    ids, checked in ~0.1 ms, are not sorted again."""
    if len(ids) < 2:
        return ids
    if (ids[1:] > ids[:-1]).all():
        return ids
    ids = np.sort(ids)
    return ids[np.concatenate(([True], ids[1:] != ids[:-1]))]


def _sorted_ids(raw: bytes) -> np.ndarray:
    """Ids from int8send bytes, sorted and distinct."""
    return _distinct(np.frombuffer(raw, dtype=">i8").astype(np.int64))


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sorted distinct ids in both. np.isin looks ids up in a table over their range (0.5
    ms for 45k in 90k); np.intersect1d sorts both again (6.6 ms)."""
    return a[np.isin(a, b, assume_unique=True)]


def _union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return _distinct(np.concatenate([a, b]))


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

    def _piece_ids(self, piece: Piece, also: tuple[str, ...] = ()) -> tuple[str, Params]:
        """SQL selecting the ids of reports whose text contains the piece and (`also`)
        every one of these lexemes."""
        select = f"SELECT x.report_id FROM {self.table} x WHERE "
        extra = "".join(f" & {lexeme(t)}" for t in also)
        if not piece.grams:
            if extra:
                return select + "x.vector @@ %s::tsquery AND strpos(x.text, %s) > 0", [
                    extra[3:],
                    piece.text,
                ]
            return select + "strpos(x.text, %s) > 0", [piece.text]
        grams = tsquery_literal(piece.grams, "&") + extra
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
            [word + extra, f"{grams} & !{word}", piece.text],
        )

    def _term_ids(
        self, pieces: tuple[Piece, ...], necessary: tuple[str, ...] = ()
    ) -> list[tuple[str, tuple[str, ...]]]:
        """SQL for id sets whose intersection is the term's match. A two-character piece is
        exact as its bigram, so those are folded into every other piece's index condition
        (the GIN index intersects them, instead of 100k ids coming back for 行政 or 法治).
        `necessary` are bigrams every report of the whole query's match holds: a piece that
        is verified on the text takes them as index conditions too, so only its candidates
        that can still match are read (the result, once combined, is the same)."""
        exact = tuple(p.text for p in pieces if p.exact_by_grams)
        others = [p for p in pieces if not p.exact_by_grams]
        if not others:
            sql = f"SELECT x.report_id FROM {self.table} x WHERE x.vector @@ %s::tsquery"
            return [(sql, (tsquery_literal(exact, "&"),))]
        statements = []
        for piece in others:
            also = exact + tuple(g for g in necessary if g not in piece.grams and g not in exact)
            sql, params = self._piece_ids(piece, also)
            statements.append((sql, tuple(map(str, params))))
        return statements

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
        return (
            "SELECT lr_match.id FROM lawreports_search_ids(%s, %s::text[]) AS lr_match(id)",
            [_numbered(sql), [str(p) for p in params]],
        )

    def match_ids(self, query: ParsedQuery) -> MatchedIds:
        """Run the match once and keep its id set as a constant for the later statements
        (facets, count, ranking), which then never match again. A set holding most reports
        of its id range is kept as that range minus the few reports not matched (a term in
        98% of 100k reports: 2k ids instead of 97k, which would cost ~50 ms per statement to
        send, parse and plan); otherwise as the ids. Either way the planner gets a constant
        and so the exact row count. Ids travel as `{1,2,…}` text, never as Python ints.
        A slow match is kept for the data generation it was computed in (search/cache.py)."""
        from lawreports.search import cache, generation

        now = generation.current(self.connection)
        # What the match depends on: the pieces and how they combine (行政執法 = 行政执法).
        shape = tuple((c.negated, tuple(t.pieces for t in c.terms)) for c in query.clauses)
        key = (now, shape)
        matched = cache.get(key)
        if matched is None:
            started = time.perf_counter()
            matched = self._match_ids(query, now)
            if time.perf_counter() - started >= cache.MIN_SECONDS:
                cache.put(key, matched)
        return matched

    def _match_ids(self, query: ParsedQuery, now: str | None) -> MatchedIds:
        """Each piece's ids from the index in one statement, 8 bytes an id, combined here:
        numpy intersects sorted arrays of 100k ids in about a millisecond, where the
        database's INTERSECT hashes them (~70 ms), and parsing them as text costs ~15 ms."""
        from lawreports.search.cache import report_ids

        # Bigrams of the terms that must occur (clauses without OR): every match holds them,
        # so they narrow what the other pieces verify (涉企行政合规 习近平法治思想 reads only the
        # texts holding both terms' bigrams). Sound for exclusions too: their ids are only
        # subtracted from reports that hold these bigrams anyway.
        required = [c.terms[0] for c in query.clauses if not c.negated and len(c.terms) == 1]
        necessary: tuple[str, ...] = ()
        if len(required) > 1:
            necessary = tuple(dict.fromkeys(g for t in required for p in t.pieces for g in p.grams))
        statements = {
            t.pieces: self._term_ids(t.pieces, necessary) for c in query.clauses for t in c.terms
        }
        distinct = list(dict.fromkeys(sql for sqls in statements.values() for sql in sqls))
        selects, params = [], []
        for sql, sql_params in distinct:
            selects.append(
                "(SELECT coalesce(string_agg(int8send(i.id), ''::bytea), ''::bytea) "
                "FROM lawreports_search_ids(%s, %s::text[]) AS i(id))"
            )
            params += [_numbered(sql), list(sql_params)]
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(selects), params)
            found = dict(zip(distinct, map(_sorted_ids, cursor.fetchone()), strict=True))

        def clause_ids(clause: Clause) -> np.ndarray:
            terms = [
                reduce(_intersect, [found[sql] for sql in statements[t.pieces]])
                for t in clause.terms
            ]
            return reduce(_union, terms)

        positive = [clause_ids(c) for c in query.clauses if not c.negated]
        ids = reduce(_intersect, positive)
        for clause in query.clauses:
            if clause.negated:
                ids = np.setdiff1d(ids, clause_ids(clause), assume_unique=True)
        if not len(ids):
            return MatchedIds(0, "{}")
        low, high = int(ids[0]), int(ids[-1])
        if 2 * len(ids) <= high - low + 1:
            return MatchedIds(len(ids), ids_literal(ids), low, high, values=ids)
        # Dense: the reports of the range that did not match, from the generation's ids.
        every = report_ids(self.connection, now)
        in_range = every[np.searchsorted(every, low) : np.searchsorted(every, high, "right")]
        holes = np.setdiff1d(in_range, ids, assume_unique=True)
        return MatchedIds(len(ids), ids_literal(holes), low, high, dense=True, values=holes)

    def ranked(
        self,
        filtered: tuple[str, Params],
        query: ParsedQuery,
        offset: int,
        limit: int,
        *,
        ids: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        """Rank a capped candidate set: the newest title/heading matches first, then the
        newest other matches; only their vectors are read. The head matches are first looked
        for among the newest few matches (enough when the words are common in headings);
        failing that, through the GIN index on `head` over every match. `ids`, when known,
        are `filtered`'s ids ascending: the first statement then gets only the newest few
        as its constant, not the whole set (a 40k-id constant took ~15–30 ms to plan)."""
        rank_query = tsquery_literal(query.rank_tokens, "|")
        cap = max(RANK_CANDIDATES, offset + limit)
        probe = HEAD_PROBE * cap
        if ids is None:
            sql, params = filtered
        else:
            newest = ids[-probe:]
            sql, params = "SELECT unnest(%s::bigint[])", [ids_literal(newest)]
            if len(ids) <= probe:
                filtered = sql, params  # the fallback below needs no more
        with self.connection.cursor() as cursor:
            cursor.execute(
                self._ranking_sql(
                    sql,
                    # The newest `probe` matches, their heads checked row by row: the newest
                    # `cap` head matches are all here if `cap` of them are, or if `probe`
                    # rows are every match.
                    "p AS MATERIALIZED (SELECT m.id FROM m ORDER BY m.id DESC LIMIT %s), "
                    # LATERAL with LIMIT 1 (not flattened): one primary-key probe per row of
                    # p. A plain join let the planner walk the whole key backwards testing
                    # every head until it met `cap` of p's rows (sparse matches: 32k heads
                    # read, 230 ms at 100k).
                    "h AS MATERIALIZED (SELECT p.id AS report_id FROM p CROSS JOIN LATERAL "
                    f"(SELECT d.head FROM {self.table} d WHERE d.report_id = p.id LIMIT 1) d "
                    "WHERE d.head @@ %s::tsquery ORDER BY p.id DESC LIMIT %s), "
                    "k AS (SELECT (SELECT count(*) FROM h) = %s "
                    "OR %s::bigint > (SELECT count(*) FROM p) AS complete)",
                    "(SELECT complete FROM k)",
                    # The newest `cap` others are in p too (it holds ≥ 2 cap of them, or all
                    # of m): m, and the id list it may carry, is planned once.
                    rest="p",
                ),
                [
                    *params,
                    probe,
                    rank_query,
                    cap,
                    cap,
                    # p holds every match when fewer than `probe` (or, ids given, when
                    # there are no more ids than it holds).
                    probe if ids is None else len(ids) + 1,
                    *self._rank_params(rank_query, cap, limit, offset),
                ],
            )
            rows = cursor.fetchall()
            if rows and not rows[0][2]:
                sql, params = filtered
                cursor.execute(
                    self._ranking_sql(
                        sql,
                        # Head matches through the GIN index as an exact bitmap (never
                        # reading each matched row's head back from TOAST), kept as a hash
                        # that the newest rows of m probe (coalesce keeps the IN a hashed
                        # subplan, not a join of all m).
                        "hm AS MATERIALIZED (SELECT hm.id FROM lawreports_search_ids("
                        f"'SELECT d.report_id FROM {self.table} d WHERE d.head @@ $1[1]::tsquery', "
                        "ARRAY[%s]) AS hm(id)), "
                        "h AS MATERIALIZED (SELECT m.id AS report_id FROM m "
                        "WHERE coalesce(m.id IN (SELECT hm.id FROM hm), false) "
                        "ORDER BY m.id DESC LIMIT %s)",
                        "true",
                    ),
                    [*params, rank_query, cap, *self._rank_params(rank_query, cap, limit, offset)],
                )
                rows = cursor.fetchall()
            return [(pk, float(score)) for pk, score, _ in rows]

    @staticmethod
    def _rank_params(rank_query: str, cap: int, limit: int, offset: int) -> Params:
        return [cap, RANK_WEIGHTS, rank_query, cap, limit, offset]

    def _ranking_sql(self, sql: str, heads: str, complete: str, rest: str = "m") -> str:
        """`heads` defines `h`, the head matches to rank first (CTEs over `m`, the matches
        newest first, never materialised whole); `complete` says whether `h` is exact; the
        other candidates are the newest ids of `rest` not in `h`."""
        return (
            f"WITH m AS NOT MATERIALIZED (SELECT u.id FROM ({sql}) AS u(id)), {heads}, "
            "c AS (SELECT report_id, 1 AS in_head FROM h UNION ALL "
            f"(SELECT id, 0 FROM {rest} WHERE id NOT IN (SELECT report_id FROM h) "
            "ORDER BY id DESC LIMIT %s)) "
            f"SELECT c.report_id, ts_rank(%s::float4[], d.vector, %s::tsquery) AS score, "
            f"{complete} FROM (SELECT * FROM c ORDER BY in_head DESC, report_id DESC LIMIT %s) c "
            f"JOIN {self.table} d ON d.report_id = c.report_id "
            "ORDER BY score DESC, c.report_id DESC LIMIT %s OFFSET %s"
        )
