"""Insert brand-new rows fast: COPY on PostgreSQL, bulk_create elsewhere.

Django's bulk_create compiles one INSERT with a bound parameter per field per row and adapts
them in Python: ~4 ms a report's worth of rows. COPY streams the same values through psycopg's
C dumpers. Ids come from the table's own sequence beforehand, so related rows can point at
them before anything is written. `insert_rows` takes plain tuples instead of instances: a
report has ~60 section, item, figure and theme rows, and a Django instance costs more to make
and to read back than the row's values themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter

from django.db import connection, models
from django.db.models import Model


def insert_new(objs: Sequence[Model]) -> None:
    """Insert unsaved instances of one model; afterwards each has its pk. Foreign keys may
    point at instances inserted earlier in the same transaction (their ids are taken)."""
    if not objs:
        return
    model = type(objs[0])
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="insert_new")
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs)
        return
    meta = model._meta
    if meta.pk.column == "id" and any(obj.pk is None for obj in objs):
        _take_ids(meta.db_table, [obj for obj in objs if obj.pk is None])
    fields = meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    copy_sql = f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
    getters = [_getter(f) for f in fields]
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
        for obj in objs:
            copy.write_row([get(obj) for get in getters])
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias


# Fields whose Python value is what the column takes: read the attribute, skipping Django's
# per-value preparation (most of a row's cost). Anything else goes through the field.
_PLAIN = (
    models.AutoField, models.BigAutoField, models.BooleanField, models.CharField,
    models.DateField, models.FloatField, models.IntegerField, models.PositiveIntegerField,
    models.PositiveSmallIntegerField, models.SmallIntegerField, models.TextField,
)  # fmt: skip


def _getter(field: models.Field) -> Callable[[Model], object]:
    if type(field) in _PLAIN or type(field) in (models.ForeignKey, models.OneToOneField):
        return attrgetter(field.attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)


def _take_ids(table: str, objs: list[Model]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk


def take_ids(model: type[Model], count: int) -> list[int]:
    """`count` unused ids of the model's table, for rows inserted later in this transaction.

    PostgreSQL: from the table's sequence. SQLite: past the largest id ever given; safe since
    the batch's transaction holds the write lock from its start (transaction_mode IMMEDIATE),
    as long as the rows are inserted before ids of the same table are taken again.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {connection.ops.quote_name(table)}")
        (last,) = cursor.fetchone()
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        last = max([last, *(seq for (seq,) in cursor.fetchall())])  # AUTOINCREMENT's high mark
    return list(range(last + 1, last + 1 + count))


def insert_rows(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert plain rows of values, in `columns` order (attnames: `report_id`, not `report`).
    The columns must be every concrete column, except `id` when the table gives it (nothing
    may point at such rows). Values go in as they are: only for columns whose Python value is
    the column's (_PLAIN and foreign keys), no per-value preparation."""
    _check_plain(model, tuple(columns))
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows])
        return
    quote = connection.ops.quote_name
    names = ", ".join(map(quote, columns))
    copy_sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
        write = copy.write_row
        for row in rows:
            write(row)


_checked: set[tuple[type[Model], tuple[str, ...]]] = set()


def _check_plain(model: type[Model], columns: tuple[str, ...]) -> None:
    if (model, columns) in _checked:
        return
    fields = {f.attname: f for f in model._meta.concrete_fields}
    missing = set(fields) - set(columns) - {"id"}
    if missing or not set(columns) <= set(fields) or len(set(columns)) != len(columns):
        raise ValueError(f"{model.__name__} rows need exactly the columns {list(fields)}")
    for name in columns:
        kind = type(fields[name])
        if kind not in _PLAIN and kind not in (models.ForeignKey, models.OneToOneField):
            raise ValueError(f"{model.__name__}.{name} needs preparing; use insert_new")
    _checked.add((model, columns))
