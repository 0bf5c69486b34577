"""Fast inserts of many new rows: PostgreSQL COPY, with primary keys taken from the table's sequence
first so that rows referring to them can be written too. Other databases use bulk_create.

Only identifiers from the models' own metadata are formatted into the statements; every value
goes through COPY's own encoding.
"""

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model

BATCH = 1000


def insert_new[M: Model](model: type[M], objects: Sequence[M]) -> None:
    """Insert `objects` (new) in the current transaction. A primary key drawn from a sequence is
    taken from it first and set on each object; a key the objects carry (a one-to-one key) is kept."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objects, batch_size=BATCH)
        return
    meta = model._meta
    table = meta.db_table
    pk = meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        if pk.db_returning:  # an identity or serial column: the database numbers the rows
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(objects)],
            )
            for obj, (key,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = key
        fields = list(meta.concrete_fields)
        columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
        statement = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for obj in objects:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
