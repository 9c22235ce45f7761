"""Full-text search for articles on PostgreSQL: a tsvector column kept by a trigger, GIN-indexed.

The column is filled by a trigger rather than declared GENERATED so later migrations can still
alter `title` and `body` (PostgreSQL refuses to change a column a generated column reads).
Nothing happens on SQLite, where search is a plain contains-match.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_vector tsvector",
    """
    CREATE OR REPLACE FUNCTION articles_article_search_vector() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.body, '')), 'B');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER articles_article_search_vector_trg
    BEFORE INSERT OR UPDATE OF title, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()
    """,
    """
    UPDATE articles_article SET search_vector =
      setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
      setweight(to_tsvector('english', coalesce(body, '')), 'B')
    """,
    "CREATE INDEX IF NOT EXISTS article_search_idx ON articles_article USING GIN (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_search_idx",
    "DROP TRIGGER IF EXISTS articles_article_search_vector_trg ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_search_vector()",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
