"""SQLite: the words of the FTS5 index, readable as a table (fts5vocab), so a search can tell a
finished word from one still being typed, as `SearchWord` tells it on PostgreSQL."""

from typing import Any

from django.db import migrations


def _run(sql: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0005_lean_indexes")]

    operations = [
        migrations.RunPython(
            _run("CREATE VIRTUAL TABLE library_fts_vocab USING fts5vocab(library_fts, 'col')"),
            _run("DROP TABLE IF EXISTS library_fts_vocab"),
        )
    ]
