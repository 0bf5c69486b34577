"""Search structures, per database: FTS5 with triggers on SQLite; pg_trgm and GIN indexes on
PostgreSQL. Each operation does nothing on the other database."""

from typing import Any

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE library_fts USING fts5(
        title_folded, search_text, facets,
        content='library_publicentry', content_rowid='sort_key',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER library_fts_insert AFTER INSERT ON library_publicentry BEGIN
        INSERT INTO library_fts(rowid, title_folded, search_text, facets)
        VALUES (new.sort_key, new.title_folded, new.search_text, new.facets);
    END""",
    """CREATE TRIGGER library_fts_delete AFTER DELETE ON library_publicentry BEGIN
        INSERT INTO library_fts(library_fts, rowid, title_folded, search_text, facets)
        VALUES ('delete', old.sort_key, old.title_folded, old.search_text, old.facets);
    END""",
    """CREATE TRIGGER library_fts_update AFTER UPDATE OF sort_key, title_folded, search_text, facets ON library_publicentry BEGIN
        INSERT INTO library_fts(library_fts, rowid, title_folded, search_text, facets)
        VALUES ('delete', old.sort_key, old.title_folded, old.search_text, old.facets);
        INSERT INTO library_fts(rowid, title_folded, search_text, facets)
        VALUES (new.sort_key, new.title_folded, new.search_text, new.facets);
    END""",
    "INSERT INTO library_fts(library_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS library_fts_update",
    "DROP TRIGGER IF EXISTS library_fts_delete",
    "DROP TRIGGER IF EXISTS library_fts_insert",
    "DROP TABLE IF EXISTS library_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX library_vector_gin ON library_publicentry USING gin (search_vector)",
    "CREATE INDEX library_trgm_gin ON library_publicentry USING gin (search_text gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS library_trgm_gin",
    "DROP INDEX IF EXISTS library_vector_gin",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
