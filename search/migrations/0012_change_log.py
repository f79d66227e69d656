"""An insert-only change log replaces the snapshot token row (issue 11, point 4).

Why: with one `SearchState` row upserted by every write, each process reloaded its whole column
snapshot after any single write (about 1-2 s at 100,000 documents), and on PostgreSQL every
index write queued behind that row's lock (two batches could deadlock). Now triggers on the
document table insert one `SearchChange` row per written or deleted document, in the writing
transaction; readers apply only those documents. Facet values are written only together with
their document row (the backend updates the row whenever it replaces them), so the document
table's triggers see every change. PostgreSQL: statement triggers over transition tables (one
INSERT ... SELECT per statement) and TRUNCATE writes a "everything" row (document_id NULL);
SQLite: row triggers (Django's flush deletes row by row there).
"""

from django.db import migrations, models

from ._per_vendor import run

DOC = "search_searchdocument"
LOG = "search_searchchange"

OLD_TABLES = ("search_searchdocument", "search_searchfacetvalue")

POSTGRES_FORWARD = [
    *(f"DROP TRIGGER IF EXISTS {table}_state ON {table}" for table in OLD_TABLES),
    "DROP FUNCTION IF EXISTS search_state_renew()",
    f"""
    CREATE OR REPLACE FUNCTION search_change_new() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {LOG} (document_id, txid, nonce, created)
        SELECT id, pg_current_xact_id()::text::bigint, (random() * 9e18)::bigint, now()
        FROM changed_rows;
        RETURN NULL;
    END
    $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION search_change_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {LOG} (document_id, txid, nonce, created)
        VALUES (NULL, pg_current_xact_id()::text::bigint, (random() * 9e18)::bigint, now());
        RETURN NULL;
    END
    $$
    """,
    f"CREATE TRIGGER {DOC}_change_insert AFTER INSERT ON {DOC} REFERENCING NEW TABLE AS "
    "changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_change_new()",
    f"CREATE TRIGGER {DOC}_change_update AFTER UPDATE ON {DOC} REFERENCING NEW TABLE AS "
    "changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_change_new()",
    f"CREATE TRIGGER {DOC}_change_delete AFTER DELETE ON {DOC} REFERENCING OLD TABLE AS "
    "changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_change_new()",
    f"CREATE TRIGGER {DOC}_change_truncate AFTER TRUNCATE ON {DOC} "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_change_truncate()",
    # The neighbours of a retitled document in title order (the snapshot places it between them).
    f"CREATE INDEX IF NOT EXISTS search_doc_title_id ON {DOC} (title_sort, id)",
]
POSTGRES_BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS {DOC}_change_{event} ON {DOC}"
        for event in ("insert", "update", "delete", "truncate")
    ),
    "DROP FUNCTION IF EXISTS search_change_new()",
    "DROP FUNCTION IF EXISTS search_change_truncate()",
    "DROP INDEX IF EXISTS search_doc_title_id",
]
SQLITE_FORWARD = [
    *(
        f"DROP TRIGGER IF EXISTS {table}_state_{event}"
        for table in OLD_TABLES
        for event in ("insert", "update", "delete")
    ),
    *(
        f"CREATE TRIGGER IF NOT EXISTS {DOC}_change_{event.lower()} AFTER {event} ON {DOC} "
        f"BEGIN INSERT INTO {LOG} (document_id, txid, nonce, created) "
        f"VALUES ({row}.id, NULL, random(), datetime('now')); END"
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))
    ),
    f"CREATE INDEX IF NOT EXISTS search_doc_title_id ON {DOC} (title_sort, id)",
]
SQLITE_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {DOC}_change_{event}" for event in ("insert", "update", "delete")),
    "DROP INDEX IF EXISTS search_doc_title_id",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0011_vocabulary")]

    operations = [
        migrations.CreateModel(
            name="SearchChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("document_id", models.BigIntegerField(null=True)),
                ("txid", models.BigIntegerField(null=True)),
                ("nonce", models.BigIntegerField()),
                ("created", models.DateTimeField()),
            ],
            options={
                "verbose_name": "Änderung am Suchindex",
                "verbose_name_plural": "Änderungen am Suchindex",
                "indexes": [
                    models.Index(fields=["txid"], name="search_change_txid"),
                    models.Index(fields=["created"], name="search_change_created"),
                ],
            },
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
        migrations.DeleteModel(name="SearchState"),
    ]
