"""Many rows in few statements, for the jobs that write a hundred thousand at once."""

import datetime as dt
import io

from django.db import connections, models, router, transaction
from django.db.models.constants import OnConflict


def insert_ignoring_duplicates(model, rows: list[dict], batch_size: int = 4000) -> None:
    """Insert ``rows`` (dicts of field name → value; every row the same names, ids for
    foreign keys) with a multi-row INSERT each ``batch_size`` rows; a row that would break a
    unique constraint is skipped, as ``bulk_create(ignore_conflicts=True)`` would. That one
    builds a model instance per row and prepares every value field by field, which was most
    of a national reminder sweep's time; here each column's preparation is chosen once, and
    the fields left out take their defaults (``auto_now_add`` ones, the time of the call)."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    given = list(rows[0])
    fields = [model._meta.get_field(name) for name in given]
    defaults = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field not in fields
    ]
    constants = []
    for field in defaults:
        value = (
            field.pre_save(model(), add=True)
            if getattr(field, "auto_now_add", False)
            else field.get_default()
        )
        constants.append(field.get_db_prep_save(value, connection))
    preparers = [_preparer(field, connection) for field in fields]
    if connection.vendor == "postgresql":
        _copy_then_insert(connection, model, given, fields, preparers, defaults, constants, rows)
        return
    ops = connection.ops
    columns = ", ".join(ops.quote_name(f.column) for f in fields + defaults)
    table = ops.quote_name(model._meta.db_table)
    head = f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {table}"
    tail = ops.on_conflict_suffix_sql(fields, OnConflict.IGNORE, None, None)
    width = len(fields) + len(defaults)
    limit = connection.features.max_query_params or 65535
    per_statement = max(1, min(batch_size, limit // width))
    placeholder = "(" + ", ".join(["%s"] * width) + ")"
    columns_in = list(zip(given, preparers, strict=True))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = []
            for row in chunk:
                params.extend(prepare(row[name]) for name, prepare in columns_in)
                params.extend(constants)
            values = ", ".join([placeholder] * len(chunk))
            cursor.execute(f"{head} ({columns}) VALUES {values}{tail}", params)


# Plain fields whose values the drivers take as Python gives them.
_DRIVER_READY = (
    models.AutoField,
    models.BigAutoField,
    models.BigIntegerField,
    models.CharField,
    models.ForeignKey,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
    models.TextField,
)


def _preparer(field, connection):
    """How one column's values go to the database: as they are for plain numbers and text,
    through the field for anything else (dates, encrypted text…)."""
    if type(field) in _DRIVER_READY:
        return _as_is
    return lambda value: field.get_db_prep_save(value, connection)


def _as_is(value):
    return value


def _copy_then_insert(  # noqa: PLR0913
    connection, model, given, fields, preparers, defaults, constants, rows
) -> None:
    """PostgreSQL: the rows COPied into a temporary table, then one INSERT … SELECT … ON
    CONFLICT DO NOTHING. A VALUES list of a hundred thousand rows spends its time in the
    driver building the statement and the server parsing it; COPY does neither."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields + defaults)
    stage = quote(f"bulk_{model._meta.db_table}")
    tail = "".join("\t" + _copy_text(value) for value in constants)
    columns_in = list(zip(given, preparers, strict=True))
    lines = io.StringIO()
    for row in rows:
        lines.write("\t".join(_copy_text(prep(row[name])) for name, prep in columns_in))
        lines.write(tail + "\n")
    lines.seek(0)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {stage} AS SELECT {columns} FROM {table} WITH NO DATA"
        )
        cursor.copy_expert(f"COPY {stage} ({columns}) FROM STDIN", lines)
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {stage} ON CONFLICT DO NOTHING"
        )
        cursor.execute(f"DROP TABLE {stage}")


def _copy_text(value) -> str:
    """A value in COPY's text format: NULL as \\N, and the separators escaped."""
    if value is None:
        return "\\N"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    if "\\" in text or "\n" in text or "\t" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\n", "\\n")
            .replace("\t", "\\t")
            .replace("\r", "\\r")
        )
    return text


def insert_selected(model, fields: list[str], rows) -> int:
    """``INSERT INTO model (fields) SELECT …`` of ``rows``, a ``values_list`` queryset giving
    the same columns in the same order: the rows are copied inside the database, none
    through Python. Gives how many were inserted."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    select, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({columns}) {select}", params)
        return cursor.rowcount
