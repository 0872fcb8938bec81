import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

FTS_TABLE = "search_fts"


def create_vendor_objects(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_doc_vector_gin ON search_reportsearchdocument USING gin (vector)"
        )
    elif vendor == "sqlite":
        # Pre-segmented, space-joined tokens; rowid is the report id. bm25 weights per column.
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "title, headings, body, grams, tokenize = 'unicode61')"
        )


def drop_vendor_objects(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_doc_vector_gin")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportSearchDocument",
            fields=[
                (
                    "report",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="reports.report",
                    ),
                ),
                ("text", models.TextField()),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("head", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("indexed_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "检索文档",
                "verbose_name_plural": "检索文档",
            },
        ),
        migrations.RunPython(create_vendor_objects, drop_vendor_objects),
    ]
