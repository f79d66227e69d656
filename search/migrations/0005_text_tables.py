"""PostgreSQL: the text vectors move to a narrow table `search_text`, matched through its GIN index.

Why (measured at 100,000 documents): the vectors lived inline in the wide projection rows, so a
common word read 185 MB of heap (65 ms) even on the GIN bitmap path, and the planner often
chose a sequential scan that detoasts every vector (1.6 s). `search_text` keeps only the id
and pointers to out-of-line vectors in its heap (~1,000 pages); `search_ids()` plans with
sequential scans off, inside the function only, and returns the ids as one string. The
separate title and summary vectors rank huge match sets in tiers without reading the body.
Rows are written by the backend (`search_text_write`); triggers remove them with their
document, also on TRUNCATE.

SQLite: migration 0003 remade `search_searchdocument` (how SQLite alters a table), which drops
its triggers; the FTS cleanup trigger of 0002 is created again and orphaned text removed. A
later migration that remakes the table must do the same (tests/search/test_database_text.py
notices).
"""

from django.db import migrations

from ._per_vendor import run

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_doc_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    """
    CREATE TABLE search_text (
        document_id bigint PRIMARY KEY,
        search_vector tsvector NOT NULL,
        title_vector tsvector NOT NULL,
        summary_vector tsvector NOT NULL
    ) WITH (toast_tuple_target = 128)
    """,
    "ALTER TABLE search_text ALTER COLUMN search_vector SET STORAGE EXTERNAL, "
    "ALTER COLUMN title_vector SET STORAGE EXTERNAL, "
    "ALTER COLUMN summary_vector SET STORAGE EXTERNAL",
    "CREATE INDEX search_text_vector ON search_text USING GIN (search_vector)",
    "CREATE INDEX search_text_title ON search_text USING GIN (title_vector)",
    "CREATE INDEX search_text_summary ON search_text USING GIN (summary_vector)",
    # Title A, summary B, body C: ts_rank's default weights put the title first.
    """
    CREATE OR REPLACE FUNCTION search_text_write(ids bigint[]) RETURNS void
    LANGUAGE sql VOLATILE AS $$
        INSERT INTO search_text (document_id, search_vector, title_vector, summary_vector)
        SELECT d.id,
            setweight(to_tsvector('german'::regconfig, search_fold(d.title)), 'A') ||
            setweight(to_tsvector('german'::regconfig, search_fold(d.summary)), 'B') ||
            setweight(to_tsvector('german'::regconfig, search_fold(d.body)), 'C'),
            to_tsvector('german'::regconfig, search_fold(d.title)),
            to_tsvector('german'::regconfig, search_fold(d.summary))
        FROM search_searchdocument d WHERE d.id = ANY(ids)
        ON CONFLICT (document_id) DO UPDATE SET
            search_vector = EXCLUDED.search_vector,
            title_vector = EXCLUDED.title_vector,
            summary_vector = EXCLUDED.summary_vector
    $$
    """,
    "SELECT search_text_write(ARRAY(SELECT id FROM search_searchdocument))",
    """
    CREATE OR REPLACE FUNCTION search_ids(query tsquery, part text DEFAULT 'all') RETURNS text
    LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    BEGIN
        IF part = 'title' THEN
            RETURN (SELECT string_agg(document_id::text, ',') FROM search_text
                    WHERE title_vector @@ query);
        ELSIF part = 'summary' THEN
            RETURN (SELECT string_agg(document_id::text, ',') FROM search_text
                    WHERE summary_vector @@ query);
        ELSIF part = 'all' THEN
            RETURN (SELECT string_agg(document_id::text, ',') FROM search_text
                    WHERE search_vector @@ query);
        END IF;
        RAISE EXCEPTION USING MESSAGE = 'search_ids: unknown part ' || part;
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION search_text_cleanup() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE search_text;
        ELSE
            DELETE FROM search_text WHERE document_id IN (SELECT id FROM gone);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER search_text_cleanup AFTER DELETE ON search_searchdocument "
    "REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION search_text_cleanup()",
    "CREATE TRIGGER search_text_truncate AFTER TRUNCATE ON search_searchdocument "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_text_cleanup()",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_text_truncate ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_text_cleanup ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_text_cleanup()",
    "DROP FUNCTION IF EXISTS search_ids(tsquery, text)",
    "DROP FUNCTION IF EXISTS search_text_write(bigint[])",
    "DROP TABLE IF EXISTS search_text",
    """
    ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german'::regconfig, search_fold(title)), 'A') ||
        setweight(to_tsvector('german'::regconfig, search_fold(summary)), 'B') ||
        setweight(to_tsvector('german'::regconfig, search_fold(body)), 'C')
    ) STORED
    """,
    "CREATE INDEX search_doc_vector ON search_searchdocument USING GIN (search_vector)",
]

SQLITE_FORWARD = [
    "CREATE TRIGGER IF NOT EXISTS search_fts_cleanup AFTER DELETE ON search_searchdocument "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END",
    "DELETE FROM search_fts WHERE rowid NOT IN (SELECT id FROM search_searchdocument)",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_state")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"postgresql": POSTGRES_BACKWARD}),
        )
    ]
