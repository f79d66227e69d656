"""SQLite: an FTS5 table (migration 0002) holding Snowball stems of title, summary and body.

Key concepts: FTS5 cannot stem German, so `search.text.stems()` does it in Python for the
index and `query_terms()` for the query; the table stores the stems with the document id as
rowid. bm25 with column weights 10 (title), 4 (summary), 1 (body) ranks title matches first
(for very common words, tiers by column; see `_text_matches`).
"""

import numpy as np

from ...text import stems
from . import DOC, DatabaseBackend

FTS = "search_fts"
EXACT_RANK_LIMIT = 5000  # up to this many matches, rank each with bm25


class SQLiteBackend(DatabaseBackend):
    vendor_label = "SQLite FTS5"

    def _text_matches(self, q, terms, ranked=True):
        match = " ".join(f'"{term}"' for term in terms)  # terms are \\w+ stems: no quotes inside
        ids = self._id_list(match)
        if not ranked:
            return ids, None
        if len(ids) <= EXACT_RANK_LIMIT:
            rows = self._rows(
                f"SELECT rowid, bm25({FTS}, 10.0, 4.0, 1.0) FROM {FTS} WHERE {FTS} MATCH %s",
                [match],
            )
            return [row[0] for row in rows], [row[1] for row in rows]
        # Very common words: bm25 over tens of thousands of rows costs hundreds of ms. Rank in
        # tiers instead (all words in the title, else in the summary, else elsewhere); the
        # date orders each tier.
        ranks = np.full(len(ids), 2.0)
        for tier, column in ((1.0, "summary"), (0.0, "title")):
            in_column = np.isin(ids, self._id_list(f"{{{column}}} : ({match})"))
            ranks[in_column] = tier
        return ids, ranks

    def _id_list(self, match):
        joined = self._rows(f"SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s", [match])
        return np.fromstring(joined[0][0] or "", dtype=np.int64, sep=",")

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
