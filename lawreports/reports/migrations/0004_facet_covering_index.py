"""PostgreSQL: a covering index for the facet counts.

The grouped facet query reads these columns of every matching report; from the 68 MB heap at
100k reports that was a parallel sequential scan, from this ~6 MB index it is an index-only
scan (once VACUUM has marked the pages all-visible; load_reports runs it after large loads).
Measured at 100k reports: the grouped facet query of a term in 98% of them, 269 → 175 ms.
"""

from django.db import migrations

INDEX = "reports_report_facets_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON reports_report (id) INCLUDE "
            "(province_id, prefecture_id, county_id, year, level, agency_id, issue_count)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_lz4_text")]

    operations = [migrations.RunPython(create, drop)]
