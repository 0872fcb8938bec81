"""PostgreSQL: lz4 for the search document's text and vectors (see reports 0003)."""

from django.db import migrations

from lawreports.reports.migrations import _compression

COLUMNS = {"search_reportsearchdocument": ("text", "vector", "head")}


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_function_head_index"), ("reports", "0003_lz4_text")]

    operations = [
        migrations.RunPython(
            lambda apps, editor: _compression.set_compression(editor, COLUMNS, "lz4"),
            lambda apps, editor: _compression.set_compression(editor, COLUMNS, "pglz"),
        )
    ]
