"""Facet names become searchable text: `SearchDocument.keywords` in both text indexes.

Existing rows get their keywords from `manage.py rebuild_search` (until then `check_search`
reports them as stale). SQLite: FTS5 cannot add a column, so the table is made again with its
rows; adding the field remakes `search_searchdocument`, which drops the cleanup trigger, so it
is created again. Keywords rank below the summary: bm25 weight 2 (summary 4) on SQLite,
weight C (summary B) on PostgreSQL.
"""

from django.db import migrations, models

from ._per_vendor import run

FTS_OPTIONS = "fingerprint UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'"
TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS search_fts_cleanup AFTER DELETE ON search_searchdocument "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END"
)


def sqlite_fts(columns, copied):
    """Statements that remake search_fts with `columns`, copying `copied` from the old table."""
    names = ", ".join(columns)
    values = ", ".join(column if column in copied else "''" for column in columns)
    return [
        "DROP TRIGGER IF EXISTS search_fts_cleanup",
        f"CREATE VIRTUAL TABLE search_fts_new USING fts5({names}, {FTS_OPTIONS})",
        f"INSERT INTO search_fts_new (rowid, {names}, fingerprint) "
        f"SELECT rowid, {values}, fingerprint FROM search_fts",
        "DROP TABLE search_fts",
        "ALTER TABLE search_fts_new RENAME TO search_fts",
        TRIGGER,
    ]


def postgres_write(keywords):
    """search_text_write(); with `keywords`, they count like the body (C) and join the summary
    vector (the second ranking tier)."""
    keywords_c = (
        "|| setweight(to_tsvector('german'::regconfig, search_fold(d.keywords)), 'C')"
        if keywords
        else ""
    )
    summary = "d.summary || ' ' || d.keywords" if keywords else "d.summary"
    return f"""
    CREATE OR REPLACE FUNCTION search_text_write(ids bigint[]) RETURNS void
    LANGUAGE sql VOLATILE AS $$
        INSERT INTO search_text (document_id, search_vector, title_vector, summary_vector)
        SELECT d.id,
            setweight(to_tsvector('german'::regconfig, search_fold(d.title)), 'A') ||
            setweight(to_tsvector('german'::regconfig, search_fold(d.summary)), 'B') ||
            setweight(to_tsvector('german'::regconfig, search_fold(d.body)), 'C')
            {keywords_c},
            to_tsvector('german'::regconfig, search_fold(d.title)),
            to_tsvector('german'::regconfig, search_fold({summary}))
        FROM search_searchdocument d WHERE d.id = ANY(ids)
        ON CONFLICT (document_id) DO UPDATE SET
            search_vector = EXCLUDED.search_vector,
            title_vector = EXCLUDED.title_vector,
            summary_vector = EXCLUDED.summary_vector
    $$
    """


FORWARD = {
    "sqlite": sqlite_fts(("title", "summary", "keywords", "body"), ("title", "summary", "body")),
    "postgresql": [postgres_write(keywords=True)],
}
BACKWARD = {
    "sqlite": sqlite_fts(("title", "summary", "body"), ("title", "summary", "body")),
    "postgresql": [postgres_write(keywords=False)],
}


class Migration(migrations.Migration):
    dependencies = [("search", "0005_text_tables")]

    operations = [
        # Backwards, removing the field remakes the table last: the trigger is created again.
        migrations.RunPython(migrations.RunPython.noop, run({"sqlite": [TRIGGER]})),
        migrations.AddField(
            model_name="searchdocument",
            name="keywords",
            field=models.TextField(
                blank=True,
                help_text="Namen der Handlungsfelder, Zielgruppen, Schlagwörter und Regionen.",
                verbose_name="Begriffe",
            ),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
