"""PostgreSQL: the weighted search vector is computed by the database on every insert and on every
change of the text it is made of (title A, text B, filter tokens D), so no writer can forget it or
compute it differently, and a row is written once, not inserted and then updated. SQLite keeps its
FTS5 table in step with triggers in the same way (0002)."""

from django.db import migrations

from danvan.core.migrations_sql import on_database

VECTOR = (
    "setweight(to_tsvector('simple', COALESCE(NEW.title_folded, '')), 'A') || "
    "setweight(to_tsvector('simple', COALESCE(NEW.search_text, '')), 'B') || "
    "setweight(to_tsvector('simple', COALESCE(NEW.facets, '')), 'D')"
)
FORWARD = [
    f"""CREATE FUNCTION library_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := {VECTOR};
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER library_vector_insert BEFORE INSERT ON library_publicentry
        FOR EACH ROW EXECUTE FUNCTION library_vector()""",
    """CREATE TRIGGER library_vector_update BEFORE UPDATE OF title_folded, search_text, facets ON library_publicentry
        FOR EACH ROW EXECUTE FUNCTION library_vector()""",
    # the rows written before: a vector with the filter tokens (the data generator's lacked them)
    "UPDATE library_publicentry SET search_vector = " + VECTOR.replace("NEW.", ""),  # noqa: S608 - constants
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS library_vector_update ON library_publicentry",
    "DROP TRIGGER IF EXISTS library_vector_insert ON library_publicentry",
    "DROP FUNCTION IF EXISTS library_vector()",
]


class Migration(migrations.Migration):
    dependencies = [("library", "0002_search")]

    operations = [migrations.RunPython(*on_database("postgresql", FORWARD, BACKWARD))]
