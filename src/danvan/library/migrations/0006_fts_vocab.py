"""SQLite: the words of the FTS5 index, readable as a table (fts5vocab), so a search can tell a
finished word from one still being typed, as `SearchWord` tells it on PostgreSQL."""

from django.db import migrations

from danvan.core.migrations_sql import on_database


class Migration(migrations.Migration):
    dependencies = [("library", "0005_lean_indexes")]

    operations = [
        migrations.RunPython(
            *on_database(
                "sqlite",
                ["CREATE VIRTUAL TABLE library_fts_vocab USING fts5vocab(library_fts, 'col')"],
                ["DROP TABLE IF EXISTS library_fts_vocab"],
            )
        )
    ]
