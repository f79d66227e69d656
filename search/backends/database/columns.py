"""An in-memory column snapshot of the projection: filters, disjunctive counts and sorting.

Key concepts: the database stores the projection and matches text (FTS5 / tsvector); what is
left (visibility, facet filters, the counts of every facet, ordering by date or title) is done
over numpy arrays that each process loads once per projection version. Every facet value row
becomes (document position, value number), so counting the values of the matching documents is
one `bincount` over a boolean gather, which stays in milliseconds at 100,000 documents where a
SQL GROUP BY over the value table needs hundreds. The version is a token that every write
through the database backend renews (`SearchState`); a changed token reloads the snapshot.
"""

import threading

import numpy as np
from django.db import connection

from ...contract import FACETS, PUBLIC

FACET_NUMBER = {name: number for number, name in enumerate(FACETS)}

_snapshots = {}
_lock = threading.Lock()


class Snapshot:
    def __init__(self, version, docs, values):
        """docs: rows (id, visibility, date, title_sort); values: rows (document_id, facet, value)."""
        self.version = version
        docs = sorted(docs)
        self.ids = np.array([row[0] for row in docs], dtype=np.int64)
        self.public = np.array([row[1] == PUBLIC for row in docs], dtype=bool)
        n = len(docs)
        # "neueste": newest first, undated last, then title; "titel": title, then id.
        by_date = sorted(
            range(n),
            key=lambda i: (docs[i][2] is None, _negated_date(docs[i][2]), docs[i][3], docs[i][0]),
        )
        by_title = sorted(range(n), key=lambda i: (docs[i][3], docs[i][0]))
        self.date_rank = _ranks(by_date, n)
        self.title_rank = _ranks(by_title, n)
        self.values = []  # value number -> (facet, value)
        number = {}
        position = {doc_id: i for i, doc_id in enumerate(self.ids.tolist())}
        row_doc, row_value = [], []
        for document_id, facet, value in values:
            if facet not in FACET_NUMBER or document_id not in position:
                continue
            key = (facet, value)
            if key not in number:
                number[key] = len(self.values)
                self.values.append(key)
            row_doc.append(position[document_id])
            row_value.append(number[key])
        self.number = number
        row_doc = np.array(row_doc, dtype=np.int32)
        row_value = np.array(row_value, dtype=np.int32)
        value_facet = np.array([FACET_NUMBER[f] for f, _ in self.values], dtype=np.int8)
        row_facet = value_facet[row_value] if len(row_value) else np.array([], dtype=np.int8)
        # Per facet: its rows (for counting); per value: its documents (for filtering).
        self.facet_rows = {}
        for name, facet_no in FACET_NUMBER.items():
            chosen = row_facet == facet_no
            self.facet_rows[name] = (row_doc[chosen], row_value[chosen])
        order = np.argsort(row_value, kind="stable")
        bounds = np.searchsorted(row_value[order], np.arange(len(self.values) + 1))
        sorted_docs = row_doc[order]
        self.postings = [sorted_docs[bounds[i] : bounds[i + 1]] for i in range(len(self.values))]

    def __len__(self):
        return len(self.ids)

    def visible(self, viewer):
        return self.public.copy() if viewer == PUBLIC else np.ones(len(self), dtype=bool)

    def positions(self, document_ids):
        """Positions of the given document ids (ids not in the snapshot are dropped)."""
        document_ids = np.asarray(document_ids, dtype=np.int64)
        at = np.searchsorted(self.ids, document_ids)
        at = np.clip(at, 0, max(len(self.ids) - 1, 0))
        found = (self.ids[at] == document_ids) if len(self.ids) else np.zeros(0, dtype=bool)
        return at[found], found

    def filter_mask(self, facet, values):
        mask = np.zeros(len(self), dtype=bool)
        for value in values:
            number = self.number.get((facet, value))
            if number is not None:
                mask[self.postings[number]] = True
        return mask

    def count(self, facet, mask):
        """value -> number of documents in `mask` that have it."""
        docs, values = self.facet_rows[facet]
        chosen = values[mask[docs]]
        if not len(chosen):
            return {}
        tally = np.bincount(chosen)
        present = np.flatnonzero(tally)
        return {self.values[i][1]: int(tally[i]) for i in present}


def _negated_date(day):
    return -day.toordinal() if day is not None else 0


def _ranks(order, n):
    ranks = np.empty(n, dtype=np.int32)
    ranks[np.array(order, dtype=np.int64)] = np.arange(n, dtype=np.int32)
    return ranks


def current_version():
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM search_searchstate WHERE id = 1")
        row = cursor.fetchone()
        cursor.execute("SELECT MAX(id) FROM search_searchdocument")
        return (row[0] if row else "", cursor.fetchone()[0])


def snapshot():
    """The snapshot of the projection as it is now (reloaded when its version changed)."""
    key = (connection.alias, str(connection.settings_dict.get("NAME")))
    version = current_version()
    cached = _snapshots.get(key)
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        cached = _snapshots.get(key)
        if cached is not None and cached.version == version:
            return cached
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, visibility, date, title_sort FROM search_searchdocument")
            docs = [(pk, vis, _as_date(day), title) for pk, vis, day, title in cursor.fetchall()]
            cursor.execute("SELECT document_id, facet, value FROM search_searchfacetvalue")
            values = cursor.fetchall()
        fresh = Snapshot(version, docs, values)
        _snapshots[key] = fresh
        return fresh


def _as_date(value):
    if value is None or hasattr(value, "toordinal"):
        return value
    from datetime import date

    return date.fromisoformat(str(value)[:10])
