"""How many report texts each query of the mix reads to verify its terms (PostgreSQL): the
part of a match that grows with the archive, counted rather than timed (timings on a shared
machine drift; these counts do not).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lr_bench .venv/bin/python bench/verified.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def verified_texts(q: str) -> tuple[int, int]:
    """(reports matched, texts read by strpos) for one query."""
    from django.db import connection

    from lawreports.search import search_reports
    from lawreports.search.backends import get_backend
    from lawreports.search.backends.postgres import _numbered
    from lawreports.search.query import parse_query

    backend = get_backend(connection)
    query = parse_query(q)
    required = [c.terms[0] for c in query.clauses if not c.negated and len(c.terms) == 1]
    necessary: tuple[str, ...] = ()
    if len(required) > 1:
        necessary = tuple(dict.fromkeys(g for t in required for p in t.pieces for g in p.grams))
    statements = {
        s for c in query.clauses for t in c.terms for s in backend._term_ids(t.pieces, necessary)
    }
    read = 0
    with connection.cursor() as cursor:
        for sql, params in statements:
            used = 0
            for part in sql.split(" UNION ALL "):
                n = part.count("%s")
                part_params = list(params[used : used + n])
                used += n
                if "strpos" not in part:
                    continue
                # The same index condition without the check: the texts strpos reads.
                kept = part.count("%s", 0, part.index("strpos"))
                condition = part.replace(" AND strpos(x.text, %s) > 0", "")
                condition = condition.replace("strpos(x.text, %s) > 0", "true")
                cursor.execute(
                    "SELECT count(*) FROM lawreports_search_ids(%s, %s::text[]) AS i(id)",
                    [_numbered(condition), part_params[:kept]],
                )
                read += cursor.fetchone()[0]
    return search_reports(q).count, read


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawreports.settings")
    import django

    django.setup()
    from bench.queries import SEARCHES

    for q in dict.fromkeys(s.params["q"] for s in SEARCHES):
        matched, read = verified_texts(q)
        print(f"{matched:8d} matched {read:8d} texts read  {q}")


if __name__ == "__main__":
    main()
