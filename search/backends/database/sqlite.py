"""SQLite: an FTS5 table (migrations 0002, 0006): index terms of title, summary, keywords, body.

Key concepts: FTS5 cannot analyse German, so `search.text.stems()` does it in Python for the
index (gender forms, stems, compound parts) and `parse_query()` for the query (written by
`Query.fts5()`); the table stores the terms with the document id as rowid. bm25 with column weights 10 (title), 4 (summary), 2 (keywords), 1 (body): title first
(for very common words, tiers by column; see `DatabaseBackend._text_matches`).
"""

import numpy as np

from ...text import stems
from . import DOC, DatabaseBackend

FTS = "search_fts"
TIER_COLUMNS = {"title": "title", "summary": "summary keywords"}  # FTS5 column filters


class SQLiteBackend(DatabaseBackend):
    vendor_label = "SQLite FTS5"

    def _text_query(self, query):
        return query.fts5()  # \\w+ terms: no quotes inside

    def _matching_ids(self, query, part="all"):
        match = query if part == "all" else f"{{{TIER_COLUMNS[part]}}} : ({query})"
        joined = self._rows(f"SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s", [match])
        return np.fromstring(joined[0][0] or "", dtype=np.int64, sep=",")

    def _exact_ranks(self, query, ids):
        rows = self._rows(
            f"SELECT rowid, bm25({FTS}, 10.0, 4.0, 2.0, 1.0) FROM {FTS} WHERE {FTS} MATCH %s",
            [query],
        )
        return [row[0] for row in rows], [row[1] for row in rows]

    def _write_text(self, rows):
        self._executemany(
            f"INSERT INTO {FTS} (rowid, title, summary, keywords, body, fingerprint) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (
                    row.pk,
                    *(stems(text) for text in (row.title, row.summary, row.keywords, row.body)),
                    row.fingerprint,
                )
                for row in rows
            ],
        )

    def _delete_text(self, ids):
        self._executemany(f"DELETE FROM {FTS} WHERE rowid = %s", [(pk,) for pk in ids])

    def _clear_text(self):
        self._execute(f"DELETE FROM {FTS}")

    def compact(self):
        """Merge all FTS5 segments into one: a deleted row's terms otherwise stay in the older
        segments (only marked deleted) until a merge happens to reach them."""
        self._execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")

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
