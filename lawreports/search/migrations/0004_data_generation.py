"""PostgreSQL only: a data generation that changes with every write a search depends on.

Processes keep recent match results and the facet columns per generation (search/cache.py,
reports/facet_columns.py). Statement triggers on the search documents, reports, agencies,
regions and analysis rows give the writer's slot a fresh value from a sequence (COPY and
TRUNCATE included). The slot row changes inside the writer's transaction, so a reader sees a
new generation exactly when it sees the new rows; a sequence value is never handed out twice,
so a generation rolled back with its transaction never comes back. Writers take the slot of
their backend pid, so two loaders rarely wait on each other's row lock.
"""

from django.db import migrations

SLOTS = 16
TABLES = (
    "search_reportsearchdocument",
    "reports_report",
    "reports_agency",
    "reports_region",
    "analysis_reportanalysis",
)

CREATE = f"""
CREATE SEQUENCE lawreports_generation_seq;
CREATE TABLE lawreports_generation (slot integer PRIMARY KEY, value bigint NOT NULL);
INSERT INTO lawreports_generation
    SELECT slot, nextval('lawreports_generation_seq') FROM generate_series(0, {SLOTS - 1}) slot;
CREATE FUNCTION lawreports_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE lawreports_generation SET value = nextval('lawreports_generation_seq')
    WHERE slot = mod(pg_backend_pid(), {SLOTS});
    RETURN NULL;
END
$$;
""" + "".join(
    f"CREATE TRIGGER lawreports_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
    f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION lawreports_generation_bump();\n"
    for table in TABLES
)

DROP = "".join(
    f"DROP TRIGGER IF EXISTS lawreports_generation_bump ON {table};\n" for table in TABLES
) + (
    "DROP FUNCTION IF EXISTS lawreports_generation_bump();\n"
    "DROP TABLE IF EXISTS lawreports_generation;\n"
    "DROP SEQUENCE IF EXISTS lawreports_generation_seq;\n"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_lz4_text"), ("analysis", "0003_theme_bits")]

    operations = [migrations.RunPython(forwards, backwards)]
