"""Every write to the projection renews the snapshot token, also writes that bypass the backend.

Why: each process keeps an in-memory snapshot of the projection and reloads it when the
`SearchState` token changes. The backend renewed the token itself, so an update or delete made
with the ORM or SQL (a data fix, an erasure script) left snapshots stale. Triggers on both
projection tables renew it now, in the writing transaction: PostgreSQL once per statement,
SQLite (no statement triggers) once per row. The row is upserted, so a flushed table heals.
"""

from django.db import migrations

from ._per_vendor import run

TABLES = ("search_searchdocument", "search_searchfacetvalue")

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION search_state_renew() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_searchstate (id, token)
        VALUES (1, md5(random()::text || clock_timestamp()::text))
        ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
        RETURN NULL;
    END
    $$
    """,
    *(
        f"CREATE TRIGGER {table}_state AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION search_state_renew()"
        for table in TABLES
    ),
]
POSTGRES_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {table}_state ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS search_state_renew()",
]
SQLITE_FORWARD = [
    f"CREATE TRIGGER IF NOT EXISTS {table}_state_{event.lower()} AFTER {event} ON {table} "
    "BEGIN INSERT OR REPLACE INTO search_searchstate (id, token) "
    "VALUES (1, lower(hex(randomblob(16)))); END"
    for table in TABLES
    for event in ("INSERT", "UPDATE", "DELETE")
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {table}_state_{event.lower()}"
    for table in TABLES
    for event in ("INSERT", "UPDATE", "DELETE")
]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_keywords")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
