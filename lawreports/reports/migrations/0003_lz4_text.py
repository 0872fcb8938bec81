"""PostgreSQL: compress the long text columns with lz4 instead of pglz.

A report's text is stored several times (original, body, sections); pglz compression of those
values was a large share of the database's work when loading (lz4 compresses several times
faster, decompresses faster for detail pages, at a similar size). Values already stored keep
their compression until rewritten. Servers built without lz4 (or before 14) keep pglz.
"""

from django.db import migrations

from lawreports.reports.migrations._compression import set_compression

COLUMNS = {
    "reports_report": ("original_text", "body_text", "preamble"),
    "reports_section": ("body",),
}


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_curation")]

    operations = [
        migrations.RunPython(
            lambda apps, editor: set_compression(editor, COLUMNS, "lz4"),
            lambda apps, editor: set_compression(editor, COLUMNS, "pglz"),
        )
    ]
