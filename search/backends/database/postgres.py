"""PostgreSQL: tsvectors of our own German analysis in a narrow table (migrations 0005, 0009).

Key concepts: `search_text` holds per document a weighted vector (title A, summary B, keywords
and body C) and small title and summary vectors, all out of line, so its heap stays small. The
text is analysed in Python (`search.text.stems`: gender forms, stems, compound parts, the same
as SQLite and Elasticsearch) and stored with the `simple` configuration, which only splits at
spaces; the query is written by `search.text.Query.tsquery()` for `to_tsquery('simple', ...)`.
Stock `german` would stem "Seniorin" and "Senioren" apart and never split a compound. Matching goes through
`search_ids()`, which always uses the GIN index (a sequential scan would detoast every
vector). `ts_rank` with the default weights puts title above body; huge match sets are ranked
in tiers over the title and summary vectors (see `DatabaseBackend._text_matches`).
"""

import contextlib

import numpy as np
from django.db import connection

from ...text import stems
from . import DOC, DatabaseBackend, columns
from .textbuild import TEXT, TextBuild

PARTS = ("title", "summary", "keywords", "body")


class PostgresBackend(DatabaseBackend):
    vendor_label = "PostgreSQL"
    exact_rank_limit = 1000  # ts_rank reads each vector out of line: ~4 µs per match

    def _text_query(self, query):
        return query.tsquery()

    def _matching_ids(self, query, part="all"):
        joined = self._rows("SELECT search_ids(to_tsquery('simple', %s), %s)", [query, part])
        return np.fromstring(joined[0][0] or "", dtype=np.int64, sep=",")

    def _exact_ranks(self, query, ids):
        if not len(ids):
            return [], []
        rows = self._rows(
            f"SELECT t.document_id, ts_rank(t.search_vector, to_tsquery('simple', %s)) "
            f"FROM {TEXT} t WHERE t.document_id = ANY(%s)",
            [query, ids.tolist()],
        )
        return [row[0] for row in rows], [-row[1] for row in rows]

    def _write_text(self, rows):
        if rows:
            self._execute(
                "SELECT search_text_write(%s, %s, %s, %s, %s)",
                [
                    [row.pk for row in rows],
                    *([stems(getattr(row, part)) for row in rows] for part in PARTS),
                ],
            )

    def _new_ids(self, count):
        rows = self._rows(
            f"SELECT nextval(pg_get_serial_sequence('{DOC}', 'id')) FROM generate_series(1, %s)",
            [count],
        )
        return [row[0] for row in rows]

    def _insert_rows(self, table, names, rows):
        """COPY: several times faster than INSERT for a rebuild's 100,000 rows (the change
        log's statement triggers fire for it as for an INSERT)."""
        if not rows:
            return
        sql = f"COPY {table} ({', '.join(names)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    @contextlib.contextmanager
    def _bulk_load(self, alone=True):
        """The document table's own triggers (change log, text cleanup) are switched off, which
        locks out other writers (and a second rebuild) but not readers. The text index is
        written beside the live one and swapped in at the end (`textbuild`), so searches keep
        answering from the old one until the commit; by several connections when the rebuild
        is a transaction of its own (`alone`)."""
        triggers = [
            name
            for (name,) in self._rows(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'",
                [DOC],
            )
        ]
        # Deferred foreign-key checks still pending would forbid ALTER TABLE: run them now.
        # They stay immediate during the load: each COPY checks its facet values' documents
        # while the workers write text, instead of a million checks queued for the end.
        self._execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name in triggers:
            self._execute(f'ALTER TABLE {DOC} DISABLE TRIGGER "{name}"')
        build = TextBuild() if alone else TextBuild(workers=0)
        try:
            yield build.put
            build.finish()
        except BaseException:
            build.abandon()
            raise
        for name in triggers:
            self._execute(f'ALTER TABLE {DOC} ENABLE TRIGGER "{name}"')
        self._execute("SET CONSTRAINTS ALL DEFERRED")
        with connection.cursor() as cursor:
            columns.log_everything(cursor)
        build.swap()

    def _wrong_texts(self, rows):
        ids, keys = [row[0] for row in rows], dict((row[0], row[1]) for row in rows)
        found = self._rows(
            f"SELECT e.document_id FROM search_text_rows(%s, %s, %s, %s, %s) e "
            f"LEFT JOIN {TEXT} t USING (document_id) WHERE t.document_id IS NULL "
            "OR t.search_vector <> e.search_vector OR t.title_vector <> e.title_vector "
            "OR t.summary_vector <> e.summary_vector",
            [ids, *([stems(row[2 + i]) for row in rows] for i in range(len(PARTS)))],
        )
        return [keys[pk] for (pk,) in found]

    def _delete_text(self, ids):
        if ids:
            self._execute(f"DELETE FROM {TEXT} WHERE document_id = ANY(%s)", [list(ids)])

    def _text_keys(self):
        return dict(
            self._rows(
                f"SELECT d.key, d.fingerprint FROM {TEXT} t JOIN {DOC} d ON d.id = t.document_id"
            )
        )
