"""PostgreSQL: a generated, weighted tsvector column with a GIN index (migration 0002).

Key concepts: the column is `setweight(to_tsvector('german', search_fold(title)), 'A')` with
summary as B and body as C; `search_fold()` spells umlauts as ae/oe/ue and ß as ss, and the
query is folded the same way in Python (`search.text.folded_query`) before
`plainto_tsquery('german', ...)`. `ts_rank` with the default weights puts title above body.
"""

from ...text import folded_query
from . import DOC, DatabaseBackend


class PostgresBackend(DatabaseBackend):
    vendor_label = "PostgreSQL"

    def _text_matches(self, q, terms, ranked=True):
        if not ranked:
            rows = self._rows(
                f"SELECT d.id FROM {DOC} d, plainto_tsquery('german', %s) query "
                "WHERE d.search_vector @@ query",
                [folded_query(q)],
            )
            return [row[0] for row in rows], None
        rows = self._rows(
            f"SELECT d.id, ts_rank(d.search_vector, query) FROM {DOC} d, "
            "plainto_tsquery('german', %s) query WHERE d.search_vector @@ query",
            [folded_query(q)],
        )
        return [row[0] for row in rows], [-row[1] for row in rows]
