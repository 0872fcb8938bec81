"""PostgreSQL: an index in the list's date order (newest published first, then newest report
date, then newest id; missing dates last), so the first page of the whole archive, or of a
common term sorted by date, reads 20 index entries instead of sorting 100 000 reports
(226 ms at 100k)."""

from django.db import migrations

INDEX = "reports_report_date_order_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON reports_report "
            "(published_on DESC NULLS LAST, report_date DESC NULLS LAST, id DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_facet_covering_index")]

    operations = [migrations.RunPython(create, drop)]
