"""The lexicon of the library (`SearchWord`) for typo-forgiving searches on PostgreSQL.

A statement-level trigger adds the words of every inserted or updated row (its title and text
lexemes, not the filter tokens) in one statement per write, however many rows it wrote. The
trigram index is on these few tens of thousands of words instead of on every row's whole text:
the old index (library_trgm_gin, 358 MB at 1 M initiatives) cost every import and every write."""

from django.db import migrations, models

from danvan.core.migrations_sql import on_database

WORDS_OF_NEW_ROWS = """
    INSERT INTO library_searchword (word)
    SELECT DISTINCT u.lexeme FROM new_rows, unnest(new_rows.search_vector) AS u
    WHERE NOT (u.weights <@ ARRAY['D'])
    ON CONFLICT (word) DO NOTHING
"""
FORWARD = [
    f"""CREATE FUNCTION library_words() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {WORDS_OF_NEW_ROWS};
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER library_words_insert AFTER INSERT ON library_publicentry
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION library_words()""",
    """CREATE TRIGGER library_words_update AFTER UPDATE ON library_publicentry
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION library_words()""",
    WORDS_OF_NEW_ROWS.replace("new_rows", "library_publicentry"),
    "CREATE INDEX library_searchword_trgm ON library_searchword USING gin (word gin_trgm_ops)",
    "DROP INDEX IF EXISTS library_trgm_gin",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS library_trgm_gin ON library_publicentry USING gin (search_text gin_trgm_ops)",
    "DROP TRIGGER IF EXISTS library_words_update ON library_publicentry",
    "DROP TRIGGER IF EXISTS library_words_insert ON library_publicentry",
    "DROP FUNCTION IF EXISTS library_words()",
]


class Migration(migrations.Migration):
    dependencies = [("library", "0003_vector_trigger")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[("word", models.TextField(primary_key=True, serialize=False))],
            options={"verbose_name": "từ của thư viện", "verbose_name_plural": "từ của thư viện"},
        ),
        migrations.RunPython(*on_database("postgresql", FORWARD, BACKWARD)),
    ]
