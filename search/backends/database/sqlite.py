"""SQLite: an FTS5 table (migration 0002) holding Snowball stems of title, summary and body.

Key concepts: FTS5 cannot stem German, so `search.text.stems()` does it in Python for the
index and `query_terms()` for the query; the table stores the stems with the document id as
rowid. bm25 with column weights 10 (title), 4 (summary), 1 (body) ranks title matches first.
"""

from django.db import connection

from ...text import stems
from . import DOC, DatabaseBackend, Source

FTS = "search_fts"


class SQLiteBackend(DatabaseBackend):
    vendor_label = "SQLite FTS5"
    ordered_join = "CROSS JOIN"

    def _text_source(self, q, terms):
        """Run the full-text match once per request into a temporary table (id, bm25 rank);
        counting, paging and facet counts then join that table instead of matching again."""
        match = " ".join(f'"{term}"' for term in terms)  # terms are \\w+ stems: no quotes inside
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS search_match (id INTEGER PRIMARY KEY, rank REAL)"
            )
            cursor.execute("DELETE FROM temp.search_match")
            cursor.execute(
                "INSERT INTO temp.search_match (id, rank) "
                f"SELECT rowid, bm25({FTS}, 10.0, 4.0, 1.0) FROM {FTS} WHERE {FTS} MATCH %s",
                [match],
            )
        # CROSS JOIN: the (usually few) matches drive the loop, documents are looked up by id.
        return Source(
            from_sql=f"temp.search_match fm CROSS JOIN {DOC} d ON d.id = fm.id",
            rank="fm.rank",
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
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
