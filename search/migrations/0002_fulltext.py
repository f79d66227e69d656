"""Full-text structures that only one database has: FTS5 on SQLite, a tsvector column on PostgreSQL."""

from django.db import migrations

from ._per_vendor import run

SQLITE_FORWARD = [
    # Stems are computed in Python (search.text); rowid = SearchDocument.id.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, summary, body, fingerprint UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
    # Whatever deletes projection rows (flush, admin, cascade) also removes their text.
    "CREATE TRIGGER IF NOT EXISTS search_fts_cleanup AFTER DELETE ON search_searchdocument "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_cleanup",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    # Same folding as search.text.fold() for umlauts and ß (accents other than these stay).
    """
    CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT replace(replace(replace(replace(replace(replace(replace(lower(coalesce(value, '')),
            'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue')
    $$
    """,
    """
    ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german'::regconfig, search_fold(title)), 'A') ||
        setweight(to_tsvector('german'::regconfig, search_fold(summary)), 'B') ||
        setweight(to_tsvector('german'::regconfig, search_fold(body)), 'C')
    ) STORED
    """,
    "CREATE INDEX search_doc_vector ON search_searchdocument USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS search_fold(text)",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
