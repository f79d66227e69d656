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

import numpy as np

from ...text import stems
from . import DOC, DatabaseBackend

TEXT = "search_text"
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

    def _delete_text(self, ids):
        if ids:
            self._execute(f"DELETE FROM {TEXT} WHERE document_id = ANY(%s)", [list(ids)])

    def _clear_text(self):
        self._execute(f"TRUNCATE {TEXT}")

    def _text_keys(self):
        return dict(
            self._rows(
                f"SELECT d.key, d.fingerprint FROM {TEXT} t JOIN {DOC} d ON d.id = t.document_id"
            )
        )
