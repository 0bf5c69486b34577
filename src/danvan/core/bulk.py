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
    """Insert `objects` (new, pk unset) and set their pk, in the current transaction."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objects, batch_size=BATCH)
        return
    meta = model._meta
    table = meta.db_table
    pk_column = meta.pk.column  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk_column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
        fields = list(meta.concrete_fields)
        columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
        statement = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for obj in objects:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
