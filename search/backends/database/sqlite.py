"""SQLite: an FTS5 table (migration 0002) holding Snowball stems of title, summary and body.

Key concepts: FTS5 cannot stem German, so `search.text.stems()` does it in Python for the
index and `query_terms()` for the query; the table stores the stems with the document id as
rowid. bm25 with column weights 10 (title), 4 (summary), 1 (body) ranks title matches first.
"""

from ...text import stems
from . import DOC, DatabaseBackend, Source

FTS = "search_fts"


class SQLiteBackend(DatabaseBackend):
    vendor_label = "SQLite FTS5"
    ordered_join = "CROSS JOIN"

    def _text_source(self, q, terms):
        match = " ".join(f'"{term}"' for term in terms)  # terms are \\w+ stems: no quotes inside
        return Source(
            # CROSS JOIN: the full-text match drives the loop (run once), documents are looked up.
            from_sql=f"{FTS} CROSS JOIN {DOC} d ON d.id = {FTS}.rowid",
            condition=f"{FTS} MATCH %s",
            params=(match,),
            rank=f"bm25({FTS}, 10.0, 4.0, 1.0)",
        )

    def _write_text(self, rows):
        self._executemany(
            f"INSERT INTO {FTS} (rowid, title, summary, body, fingerprint) VALUES (%s, %s, %s, %s, %s)",
            [
                (row.pk, stems(row.title), stems(row.summary), stems(row.body), row.fingerprint)
                for row in rows
            ],
        )

    def _delete_text(self, ids):
        self._executemany(f"DELETE FROM {FTS} WHERE rowid = %s", [(pk,) for pk in ids])

    def _clear_text(self):
        self._rows(f"DELETE FROM {FTS}")

    def _text_keys(self):
        return dict(
            self._rows(f"SELECT d.key, f.fingerprint FROM {FTS} f JOIN {DOC} d ON d.id = f.rowid")
        )

    def _executemany(self, sql, rows):
        from django.db import connection

        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
