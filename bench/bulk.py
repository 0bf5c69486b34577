"""Writing many rows fast, on both databases.

PostgreSQL gets `COPY ... FROM STDIN` (psycopg 3 `cursor.copy`), SQLite large `executemany`
batches. Secondary indexes and foreign keys of the bulk-loaded tables are dropped during the
load and rebuilt afterwards, which is several times faster than maintaining them row by row;
the rebuild also re-checks every foreign key, so referential integrity is proved, not assumed.
Everything runs inside the caller's transaction: a failure leaves the tables as they were.
"""

import datetime
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

from bench.safety import refuse_in_production

SQLITE_BATCH = 5_000


@dataclass(frozen=True)
class Table:
    """The columns a generator provides for a model, in order, then constants for the others."""

    name: str
    columns: tuple[str, ...]
    datetime_positions: tuple[int, ...]
    constant_columns: tuple[str, ...]
    constants: tuple[Any, ...]

    @property
    def all_columns(self) -> tuple[str, ...]:
        return self.columns + self.constant_columns


def table_for(model: type[models.Model], fields: Sequence[str]) -> Table:
    """Map field names to columns; every other concrete field gets its default as a constant.

    Fields that another app adds to the model later are filled with their defaults, so the
    generator keeps working as the schema grows; columns with a database default are left to
    the database.
    """
    meta = model._meta
    provided = [meta.get_field(name) for name in fields]
    columns = tuple(str(f.column) for f in provided)  # type: ignore[union-attr]
    constant_columns: list[str] = []
    constants: list[Any] = []
    for field in meta.concrete_fields:
        if field.column in columns or field.primary_key or getattr(field, "generated", False):
            continue  # an id left out is given by the database
        if field.db_default is not models.NOT_PROVIDED:
            continue
        value = field.get_default()
        if value is None and field.null:
            continue  # NULL without saying so (and no type to send it as)
        constant_columns.append(str(field.column))
        constants.append(field.get_db_prep_save(value, connection))
    positions = tuple(i for i, f in enumerate(provided) if isinstance(f, models.DateTimeField))
    return Table(meta.db_table, columns, positions, tuple(constant_columns), tuple(constants))


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(connection.ops.quote_name(n) for n in names)


def write(table: Table, rows: Iterable[tuple[Any, ...]]) -> int:
    """Append rows (values in `table.columns` order); returns how many were written.

    `rows` must not query the database while it is iterated: on PostgreSQL the connection is
    busy with the COPY.
    """
    if connection.vendor == "postgresql":
        return _copy(table, rows)
    return _executemany(table, rows)


def _copy(table: Table, rows: Iterable[tuple[Any, ...]]) -> int:
    """Binary COPY: the server reads dates, times and numbers without parsing text."""
    count = 0
    constants = table.constants
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, atttypid::int FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            [table.name],
        )
        type_of = dict(cursor.fetchall())
    sql = f"COPY {connection.ops.quote_name(table.name)} ({_quoted(table.all_columns)}) FROM STDIN (FORMAT BINARY)"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        copy.set_types([type_of[c] for c in table.all_columns])
        write_row = copy.write_row
        if constants:
            for row in rows:
                write_row(row + constants)
                count += 1
        else:
            for row in rows:
                write_row(row)
                count += 1
    return count


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        # Django keeps naive UTC text in SQLite.
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    return value


def _executemany(table: Table, rows: Iterable[tuple[Any, ...]]) -> int:
    columns = table.all_columns
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {connection.ops.quote_name(table.name)} ({_quoted(columns)}) VALUES ({placeholders})"  # noqa: S608 - quoted model names
    positions = table.datetime_positions
    constants = table.constants
    count = 0
    iterator: Iterator[tuple[Any, ...]] = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, SQLITE_BATCH)):
            if positions:
                fixed = []
                for row in batch:
                    values = list(row)
                    for i in positions:
                        values[i] = _sqlite_value(values[i])
                    fixed.append((*values, *constants))
                batch = fixed
            elif constants:
                batch = [row + constants for row in batch]
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


@contextmanager
def indexes_dropped(models_: Sequence[type[models.Model]]) -> Iterator[None]:
    """Drop secondary indexes, unique constraints and foreign keys of the tables, then rebuild them.

    Must run inside a transaction (the rebuild validates every foreign key and unique value).
    """
    tables = [m._meta.db_table for m in models_]
    if connection.vendor == "postgresql":
        saved = _pg_drop(tables)
        yield
        _pg_restore(saved)
    else:
        saved_sql = _sqlite_drop(tables)
        yield
        with connection.cursor() as cursor:
            for sql in saved_sql:
                cursor.execute(sql)


def _pg_drop(tables: list[str]) -> list[tuple[str, str, str]]:
    """Returns (kind, table, definition) to recreate, in the order to recreate them."""
    foreign: list[tuple[str, str, str]] = []
    unique: list[tuple[str, str, str]] = []
    plain: list[tuple[str, str, str]] = []
    with connection.cursor() as cursor:
        # Check the rows written so far now: a table with pending foreign-key checks cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in tables:
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY conname",
                [table],
            )
            for name, definition, kind in cursor.fetchall():
                (foreign if kind == "f" else unique).append((name, table, definition))
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid) "
                "ORDER BY 1",
                [table],
            )
            plain += [(name, table, definition) for name, definition in cursor.fetchall()]
        qn = connection.ops.quote_name
        for name, table, _definition in foreign + unique:
            cursor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
        for name, _table, _definition in plain:
            cursor.execute(f"DROP INDEX {name}")  # regclass text: already quoted where needed
    return (
        [("index", t, d) for _n, t, d in plain]
        + [("constraint", t, f"{qn(n)} {d}") for n, t, d in unique]
        + [("constraint", t, f"{qn(n)} {d}") for n, t, d in foreign]
    )


def _pg_restore(saved: list[tuple[str, str, str]]) -> None:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for kind, table, definition in saved:
            if kind == "index":
                cursor.execute(definition)
            else:
                cursor.execute(f"ALTER TABLE {qn(table)} ADD CONSTRAINT {definition}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _sqlite_drop(tables: list[str]) -> list[str]:
    saved: list[str] = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
            for name, sql in cursor.fetchall():
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                saved.append(sql)
    return saved


def empty(models_: Sequence[type[models.Model]]) -> None:
    """Remove every row of the tables and of the tables that refer to them, and restart their ids."""
    refuse_in_production("xóa dữ liệu")
    tables = _with_dependents(models_)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {_quoted(tables)} RESTART IDENTITY CASCADE")
        else:
            cursor.execute("PRAGMA defer_foreign_keys = ON")
            for table in tables:  # dependents first
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a model's table
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            if cursor.fetchone():
                placeholders = ", ".join(["%s"] * len(tables))
                cursor.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({placeholders})", tables)  # noqa: S608


def _with_dependents(models_: Sequence[type[models.Model]]) -> list[str]:
    """The tables of `models_` and, recursively, of every model with a foreign key to them;
    dependents come first."""
    ordered: list[str] = []
    seen: set[type[models.Model]] = set()

    def visit(model: type[models.Model]) -> None:
        if model in seen:
            return
        seen.add(model)
        # Reverse foreign keys, hidden ones included (many-to-many tables).
        for relation in model._meta.get_fields(include_hidden=True):
            if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
                continue
            related = relation.related_model
            if isinstance(related, type) and related is not model:
                visit(related)
        if not model._meta.managed or model._meta.proxy:
            return
        ordered.append(model._meta.db_table)

    for model in models_:
        visit(model)
    return ordered


def reset_sequences(models_: Sequence[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def vacuum(models_: Sequence[type[models.Model]]) -> None:
    """PostgreSQL only, outside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {_quoted(m._meta.db_table for m in models_)}")


def analyze(models_: Sequence[type[models.Model]]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {_quoted(m._meta.db_table for m in models_)}")
        else:
            cursor.execute("ANALYZE")
