"""PostgreSQL only: the matching function, a GIN index on `head`, a narrow heap.

- lawreports_search_ids(sql, params) runs the backend's id-set SQL with its own planner
  settings, confined to that one statement (a function's SET clause is undone on return):
  work_mem large enough that a bitmap over nearly every row stays exact (a lossy bitmap
  rechecks, reading every vector back from TOAST), and no sequential scan (a term in 90% of
  reports otherwise reads and detoasts every vector instead of the GIN posting list).
- head_gin picks title/heading matches for ranking without evaluating `head` row by row.
- toast_tuple_target 128 moves `head` out of line on the next write (reindex), so the heap
  that every bitmap scan visits holds only ids and pointers.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION lawreports_search_ids(query text, params text[])
RETURNS SETOF bigint
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED ROWS 1000
SET work_mem = '64MB'
SET enable_seqscan = off
AS $$
BEGIN
    RETURN QUERY EXECUTE query USING params;
END
$$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_doc_head_gin ON search_reportsearchdocument "
        "USING gin (head)"
    )
    schema_editor.execute(
        "ALTER TABLE search_reportsearchdocument SET (toast_tuple_target = 128)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_reportsearchdocument RESET (toast_tuple_target)")
    schema_editor.execute("DROP INDEX IF EXISTS search_doc_head_gin")
    schema_editor.execute("DROP FUNCTION IF EXISTS lawreports_search_ids(text, text[])")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
