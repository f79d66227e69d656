"""An in-memory column snapshot of the projection: filters, disjunctive counts and sorting.

Key concepts: the database stores the projection and matches text (FTS5 / tsvector); what is
left (visibility, facet filters, the counts of every facet, ordering by date or title) is done
over numpy arrays that each process loads once per projection version. Every facet value row
becomes (document position, value number), so counting the values of the matching documents is
one `bincount` over a boolean gather, which stays in milliseconds at 100,000 documents where a
SQL GROUP BY over the value table needs hundreds. The version is a token that every write to
the projection renews (`SearchState`, by triggers); a changed token reloads the snapshot.
"""

import threading

import numpy as np
from django.db import connection

from ...contract import FACETS, PUBLIC, rollup_ancestors

FACET_NUMBER = {name: number for number, name in enumerate(FACETS)}
FACETS_BY_NUMBER = list(FACETS)

_snapshots = {}
_lock = threading.Lock()


class Snapshot:
    def __init__(self, version, ids, public_ids, by_date, by_title, postings):
        """ids: every document id; public_ids: the public ones; by_date / by_title: ids in
        "neueste" and "titel" order; postings: [(facet, value, ids)]. All as int64 arrays."""
        self.version = version
        self.ids = np.sort(np.asarray(ids, dtype=np.int64))
        n = len(self.ids)
        self.public = np.zeros(n, dtype=bool)
        self.public[self.positions(public_ids)[0]] = True
        self.date_rank = _ranks(self.positions(by_date)[0], n)
        self.title_rank = _ranks(self.positions(by_title)[0], n)
        postings = sorted(
            (FACET_NUMBER[facet], value, docs)
            for facet, value, docs in postings
            if facet in FACET_NUMBER
        )
        self.values = [(FACETS_BY_NUMBER[number], value) for number, value, _ in postings]
        self.number = {key: i for i, key in enumerate(self.values)}
        self.postings = [self.positions(docs)[0].astype(np.int32) for _, _, docs in postings]
        lengths = np.array([len(p) for p in self.postings], dtype=np.int64)
        row_doc = np.concatenate(self.postings) if self.postings else np.zeros(0, dtype=np.int32)
        row_value = np.repeat(np.arange(len(self.values), dtype=np.int32), lengths)
        # Rows are grouped by facet: each facet's rows are one slice (for counting).
        self.facet_rows = {}
        facet_of_value = np.array([number for number, _, _ in postings], dtype=np.int64)
        for name, number in FACET_NUMBER.items():
            chosen = np.flatnonzero(facet_of_value == number)
            if len(chosen):
                start, stop = int(lengths[: chosen[0]].sum()), int(lengths[: chosen[-1] + 1].sum())
            else:
                start = stop = 0
            self.facet_rows[name] = (row_doc[start:stop], row_value[start:stop])

        self._region_values = sorted(
            (value, number) for (facet, value), number in self.number.items() if facet == "region"
        )
        self._own = {}

    def __len__(self):
        return len(self.ids)

    def own_region(self, code):
        """Documents filed at region `code` itself (not below it): region-wide content."""
        cached = self._own.get(code)
        if cached is None:
            cached = self.filter_mask("region", [code])
            deeper = np.zeros(len(self), dtype=bool)
            for value, number in self._region_values:
                if len(value) > len(code) and value.startswith(code):
                    deeper[self.postings[number]] = True
            cached &= ~deeper
            self._own[code] = cached
        return cached

    def region_mask(self, values, rollup=True):
        """The region filter: documents in any of the regions, and with `rollup` also those
        filed at a Kreis, Regierungsbezirk or Land enclosing a selected Gemeinde or Kreis."""
        mask = self.filter_mask("region", values)
        if rollup:
            for code in values:
                for ancestor in rollup_ancestors(code):
                    mask |= self.own_region(ancestor)
        return mask

    def rollup_counts(self, counts, mask):
        """Region bucket counts as a click on the bucket finds them: a Kreis or Gemeinde also
        counts the region-wide content of the regions enclosing it (disjoint from its own)."""
        extra = {}
        result = dict(counts)
        for code, count in counts.items():
            added = 0
            for ancestor in rollup_ancestors(code):
                if ancestor not in extra:
                    extra[ancestor] = int((self.own_region(ancestor) & mask).sum())
                added += extra[ancestor]
            result[code] = count + added
        return result

    def visible(self, viewer):
        return self.public.copy() if viewer == PUBLIC else np.ones(len(self), dtype=bool)

    def positions(self, document_ids):
        """Positions of the given document ids (ids not in the snapshot are dropped)."""
        document_ids = np.asarray(document_ids, dtype=np.int64)
        if not len(self.ids) or not len(document_ids):
            return np.zeros(0, dtype=np.int64), np.zeros(len(document_ids), dtype=bool)
        at = np.clip(np.searchsorted(self.ids, document_ids), 0, len(self.ids) - 1)
        found = self.ids[at] == document_ids
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


def _ranks(positions_in_order, n):
    ranks = np.full(n, n, dtype=np.int64)
    ranks[positions_in_order] = np.arange(len(positions_in_order), dtype=np.int64)
    return ranks


def _id_array(text):
    return np.fromstring(text or "", dtype=np.int64, sep=",")


def current_version():
    """The projection's token; triggers renew it on every insert, update, delete and truncate."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM search_searchstate WHERE id = 1")
        row = cursor.fetchone()
        return row[0] if row else ""


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
        fresh = load(version)
        _snapshots[key] = fresh
        return fresh


def load(version):
    """Read the projection as comma-joined id lists (one row per list): the database sorts and
    groups, numpy parses; no Python loop over documents or values."""
    date_order = "CASE WHEN date IS NULL THEN 1 ELSE 0 END, date DESC, title_sort, id"
    with connection.cursor() as cursor:

        def ids(where="", order="id"):
            cursor.execute(
                _concat_sql(
                    f"SELECT id, date, title_sort FROM search_searchdocument {where}", order
                )
            )
            return _id_array(cursor.fetchone()[0])

        everything = ids()
        public = ids("WHERE visibility = 'public'")
        by_date = ids(order=date_order)
        by_title = ids(order="title_sort, id")
        cursor.execute(
            f"SELECT facet, value, {_aggregate('document_id')} FROM search_searchfacetvalue "
            "GROUP BY facet, value"
        )
        postings = [(facet, value, _id_array(joined)) for facet, value, joined in cursor.fetchall()]
    return Snapshot(version, everything, public, by_date, by_title, postings)


def _aggregate(column):
    if connection.vendor == "postgresql":
        return f"string_agg({column}::text, ',')"
    return f"group_concat({column})"


def _concat_sql(select, order):
    if connection.vendor == "postgresql":
        return f"SELECT string_agg(id::text, ',' ORDER BY {order}) FROM ({select}) s"
    return f"SELECT group_concat(id) FROM ({select} ORDER BY {order})"
