"""PostgreSQL: the text vectors of analysed texts come from one function, `search_text_rows`.

Why (issue 11, point 5): a rebuild writes the vectors into a table beside the live one from
several connections at once and swaps it in at the end; it and `search_text_write` (one
document's write) must compute the same vectors, so the expression of migration 0009 lives
in one place. SQLite is not touched.
"""

import importlib

from django.db import migrations

from ._per_vendor import run

ROWS = """
CREATE OR REPLACE FUNCTION search_text_rows(
    ids bigint[], titles text[], summaries text[], keywords text[], bodies text[]
) RETURNS TABLE (
    document_id bigint, search_vector tsvector, title_vector tsvector, summary_vector tsvector
) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT t.id,
        setweight(to_tsvector('simple'::regconfig, t.title), 'A') ||
        setweight(to_tsvector('simple'::regconfig, t.summary), 'B') ||
        setweight(to_tsvector('simple'::regconfig, t.body || ' ' || t.keywords), 'C'),
        to_tsvector('simple'::regconfig, t.title),
        to_tsvector('simple'::regconfig, t.summary || ' ' || t.keywords)
    FROM unnest(ids, titles, summaries, keywords, bodies) AS t(id, title, summary, keywords, body)
$$
"""

WRITE = """
CREATE OR REPLACE FUNCTION search_text_write(
    ids bigint[], titles text[], summaries text[], keywords text[], bodies text[]
) RETURNS void LANGUAGE sql VOLATILE AS $$
    INSERT INTO search_text (document_id, search_vector, title_vector, summary_vector)
    SELECT * FROM search_text_rows(ids, titles, summaries, keywords, bodies)
    ON CONFLICT (document_id) DO UPDATE SET
        search_vector = EXCLUDED.search_vector,
        title_vector = EXCLUDED.title_vector,
        summary_vector = EXCLUDED.summary_vector
$$
"""

OLD_WRITE = importlib.import_module("search.migrations.0009_synonyms_analysis").WRITE


class Migration(migrations.Migration):
    dependencies = [("search", "0012_change_log")]

    operations = [
        migrations.RunPython(
            run({"postgresql": [ROWS, WRITE]}),
            run(
                {
                    "postgresql": [
                        OLD_WRITE,
                        "DROP FUNCTION IF EXISTS "
                        "search_text_rows(bigint[], text[], text[], text[], text[])",
                    ]
                }
            ),
        ),
    ]
