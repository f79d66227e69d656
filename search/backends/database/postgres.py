"""PostgreSQL: a generated, weighted tsvector column with a GIN index (migration 0002).

Key concepts: the column is `setweight(to_tsvector('german', search_fold(title)), 'A')` with
summary as B and body as C; `search_fold()` spells umlauts as ae/oe/ue and ß as ss, and the
query is folded the same way in Python (`search.text.folded_query`) before
`plainto_tsquery('german', ...)`. `ts_rank` with the default weights puts title above body.
"""

from ...text import folded_query
from . import DOC, DatabaseBackend, Source


class PostgresBackend(DatabaseBackend):
    vendor_label = "PostgreSQL"
    date_desc = "d.date DESC NULLS LAST"

    def _text_source(self, q, terms):
        folded = folded_query(q)
        return Source(
            from_sql=f"{DOC} d",
            condition="d.search_vector @@ plainto_tsquery('german', %s)",
            params=(folded,),
            rank="-ts_rank(d.search_vector, plainto_tsquery('german', %s))",
            rank_params=(folded,),
        )
