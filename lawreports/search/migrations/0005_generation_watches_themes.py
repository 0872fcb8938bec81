"""PostgreSQL only: the data generation also follows the theme taxonomy, whose names and bits
the processes keep with the facet columns (browsing/columns.py)."""

from django.db import migrations

TABLE = "analysis_theme"
CREATE = (
    f"CREATE TRIGGER lawreports_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
    f"ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION lawreports_generation_bump();"
)
DROP = f"DROP TRIGGER IF EXISTS lawreports_generation_bump ON {TABLE};"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_data_generation"), ("analysis", "0003_theme_bits")]

    operations = [migrations.RunPython(forwards, backwards)]
