"""SQLite: the FTS5 triggers that keep `library_fts` in step with the public rows, kept present.

SQLite has no ALTER COLUMN: a migration that changes a column of `library_publicentry` rebuilds
the table, and the rebuild drops its triggers without a word, after which search silently stops
following the rows. So instead of every such migration remembering to create them again, they
are checked after every `migrate` (and flush): if one is missing, all are created and the index
is rebuilt from the rows. The statements are those of migration 0002.
"""

import importlib
from typing import Any

from django.db import connections

TRIGGERS = {"library_fts_insert", "library_fts_delete", "library_fts_update"}


def ensure_fts_triggers(*, using: str = "default", **_kwargs: Any) -> None:
    """post_migrate receiver; does nothing on PostgreSQL (its triggers are not on a rebuilt table)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'library_fts'")
        if cursor.fetchone() is None:  # before migration 0002
            return
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'library_publicentry'")
        if {name for (name,) in cursor.fetchall()} >= TRIGGERS:
            return
        search = importlib.import_module("danvan.library.migrations.0002_search")
        for sql in search.SQLITE_FORWARD:
            if sql.lstrip().startswith(("CREATE TRIGGER", "INSERT INTO library_fts(library_fts)")):
                cursor.execute(sql.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))
