"""SQLite: an FTS5 table (migrations 0002, 0006): index terms of title, summary, keywords, body.

Key concepts: FTS5 cannot analyse German, so `search.text.stems()` does it in Python for the
index (gender forms, stems, compound parts) and `parse_query()` for the query (written by
`Query.fts5()`); the table stores the terms with the document id as rowid. bm25 with column weights 10 (title), 4 (summary), 2 (keywords), 1 (body): title first
(for very common words, tiers by column; see `DatabaseBackend._text_matches`).
"""

import contextlib

import numpy as np
from django.db import connection

from ...text import stems
from . import DOC, VALUE, DatabaseBackend, columns

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

    def _wrong_texts(self, rows):
        stored = {
            row[0]: row[1:]
            for row in self._rows(
                f"SELECT rowid, title, summary, keywords, body FROM {FTS} WHERE rowid IN "
                f"({', '.join(['%s'] * len(rows))})",
                [row[0] for row in rows],
            )
        }
        return [
            key
            for pk, key, *texts in rows
            if stored.get(pk) != tuple(stems(text) for text in texts)
        ]

    def _new_ids(self, count):
        # The table is AUTOINCREMENT: start above the highest id it ever gave, as it would
        # (the writing transaction holds SQLite's write lock, so nobody takes them meanwhile).
        (highest,) = self._rows(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max(id) FROM {DOC}), 0))",
            [DOC],
        )[0]
        return list(range(highest + 1, highest + 1 + count))

    def _insert_rows(self, table, names, rows):
        marks = ", ".join(["%s"] * len(names))
        self._executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)

    @contextlib.contextmanager
    def _bulk_load(self, alone=True):
        """The projection's own indexes and triggers (change log, FTS cleanup) are dropped and
        made again from their stored SQL at the end: DELETE without triggers empties a table
        at once, an index is built faster in one go than row by row. The FTS table is made
        anew empty. Readers keep their view of the old data until the commit (WAL)."""
        saved = self._rows(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN (%s, %s, %s) "
            "AND type IN ('index', 'trigger', 'table') AND sql IS NOT NULL "
            "AND (type <> 'table' OR name = %s)",
            [DOC, VALUE, FTS, FTS],
        )
        for kind, name, _sql in saved:
            self._execute(f'DROP {kind.upper()} "{name}"')
        for kind, _name, sql in saved:
            if kind == "table":
                self._execute(sql)
        yield self._write_text
        for wanted in ("index", "trigger"):
            for kind, _name, sql in saved:
                if kind == wanted:
                    self._execute(sql)
        with connection.cursor() as cursor:
            columns.log_everything(cursor)

    def _delete_text(self, ids):
        self._executemany(f"DELETE FROM {FTS} WHERE rowid = %s", [(pk,) for pk in ids])

    def compact(self):
        """Merge all FTS5 segments into one: a deleted row's terms otherwise stay in the older
        segments (only marked deleted) until a merge happens to reach them."""
        self._execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")

    def _text_keys(self):
        return dict(
            self._rows(f"SELECT d.key, f.fingerprint FROM {FTS} f JOIN {DOC} d ON d.id = f.rowid")
        )

    def _executemany(self, sql, rows):
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
