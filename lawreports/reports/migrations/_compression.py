"""Shared by the lz4 migrations: set a column's TOAST compression where the server can."""

LZ4 = """
DO $$
BEGIN
    EXECUTE %s;
EXCEPTION WHEN others THEN
    RAISE NOTICE 'lz4 compression unavailable; the columns keep pglz';
END
$$
"""


def set_compression(schema_editor, columns: dict[str, tuple[str, ...]], method: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, names in columns.items():
        alter = ", ".join(f"ALTER COLUMN {name} SET COMPRESSION {method}" for name in names)
        statement = f"ALTER TABLE {table} {alter}"
        schema_editor.execute(LZ4 % schema_editor.quote_value(statement))
