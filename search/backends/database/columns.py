"""An in-memory column snapshot of the projection: filters, disjunctive counts and sorting.

Key concepts: the database stores the projection and matches text (FTS5 / tsvector); what is
left (visibility, facet filters, the counts of every facet, ordering by date or title) is done
over numpy arrays that each process loads once. Every facet value row becomes (document slot,
value number), so counting the values of the matching documents is one `bincount` over a
boolean gather, which stays in milliseconds at 100,000 documents where a SQL GROUP BY over the
value table needs hundreds.

Keeping it current: triggers write one row per changed document into the insert-only change
log (`SearchChange`, migration 0009). Before each search a process asks the log which
documents changed since it last looked (one small query) and re-reads only those: their row,
their facet values and, for the title order, their neighbours. Documents keep their slot;
a deleted one leaves a dead slot, a new one is appended. A full reload happens only on the
first search, after a TRUNCATE or a rollback that took rows the snapshot had seen, or when
more than `INCREMENTAL_LIMIT` documents changed at once (a rebuild).

Which log rows are new: on SQLite writers are serialised, so ids arrive in commit order and
"id > last seen" is exact. On PostgreSQL ids are taken before commit, so a lower id can become
visible later; the reader keeps its last snapshot's `xmax` and in-progress list (`xip`) and
reads the rows of transactions that were still running or not yet started then (plus its own
transaction's), which is exact as well. Applying a document twice is harmless: it is always
re-read as it is now.
"""

import logging
import threading
import time

import numpy as np
from django.db import connection

from ...contract import FACETS, PUBLIC, rollup_ancestors

logger = logging.getLogger("search")

FACET_NUMBER = {name: number for number, name in enumerate(FACETS)}
LOG = "search_searchchange"
DOC = "search_searchdocument"
VALUE = "search_searchfacetvalue"

INCREMENTAL_LIMIT = 2000  # more changed documents than this at once: reload everything
NO_DATE = -(10**9)  # documents without a date sort after every dated one ("neueste")
# The log is pruned after a day; a process that has not looked for half of that reloads.
PRUNE_SECONDS = 24 * 3600
STALE_SECONDS = PRUNE_SECONDS / 2

_snapshots = {}
_lock = threading.Lock()


class NeedsReload(Exception):
    """The change log cannot bring this snapshot up to date; load it anew."""


class Snapshot:
    def __init__(self, ids, public, days, title_order, postings, position=None):
        """ids, public, days: per document in id order (days since 1970, NO_DATE when none);
        title_order: ids in "titel" order; postings: [(facet, value, ids)]."""
        self.position = position
        self.checked = time.monotonic()
        self.slot_ids = np.asarray(ids, dtype=np.int64)
        n = len(self.slot_ids)
        self.alive = np.ones(n, dtype=bool)
        self.public = np.asarray(public, dtype=bool)
        self.days = np.asarray(days, dtype=np.int64)
        # id -> slot: ids sorted, with their slots (slots never move; new ones are appended)
        self.sorted_ids = self.slot_ids.copy()
        self.sorted_slots = np.arange(n, dtype=np.int64)
        self.title_rank = np.zeros(n, dtype=np.float64)
        self.title_rank[self.slots(title_order)[0]] = np.arange(len(title_order), dtype=float)
        self.values, self.number = [], {}
        self.rows = {}  # facet -> (slot per row, value number per row)
        by_facet = {}
        for facet, value, docs in postings:
            if facet not in FACET_NUMBER:
                continue
            number = self._value_number(facet, value)
            slots = self.slots(docs)[0]
            by_facet.setdefault(facet, []).append((slots, np.full(len(slots), number, np.int32)))
        for facet in FACETS:
            parts = by_facet.get(facet, [])
            self.rows[facet] = (
                np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64),
                np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32),
            )
        self._postings = {}
        self._order_by_date()
        self._region_caches()

    def _region_caches(self):
        """Region values in code order and the per-region "filed here itself" masks (region
        roll-up), rebuilt whenever documents change."""
        self._region_values = sorted(
            (value, number) for (facet, value), number in self.number.items() if facet == "region"
        )
        self._own = {}

    # --- reading --------------------------------------------------------------------------

    def __len__(self):
        return len(self.slot_ids)

    @property
    def ids(self):
        """Document id per slot (dead slots keep their old id; `alive` tells them apart)."""
        return self.slot_ids

    def own_region(self, code):
        """Documents filed at region `code` itself (not below it): region-wide content."""
        cached = self._own.get(code)
        if cached is None:
            cached = self.filter_mask("region", [code])
            deeper = np.zeros(len(self), dtype=bool)
            for value, number in self._region_values:
                if len(value) > len(code) and value.startswith(code):
                    deeper[self._posting("region", number)] = True
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
        return (self.public & self.alive) if viewer == PUBLIC else self.alive.copy()

    def slots(self, document_ids):
        """(slots of the given document ids that are in the snapshot, found mask)."""
        document_ids = np.asarray(document_ids, dtype=np.int64)
        if not len(self.sorted_ids) or not len(document_ids):
            return np.zeros(0, dtype=np.int64), np.zeros(len(document_ids), dtype=bool)
        at = np.clip(np.searchsorted(self.sorted_ids, document_ids), 0, len(self.sorted_ids) - 1)
        found = self.sorted_ids[at] == document_ids
        slots = self.sorted_slots[at[found]]
        alive = self.alive[slots]
        found[np.flatnonzero(found)[~alive]] = False
        return slots[alive], found

    positions = slots  # the backend's name for it

    def filter_mask(self, facet, values):
        mask = np.zeros(len(self), dtype=bool)
        for value in values:
            number = self.number.get((facet, value))
            if number is not None:
                mask[self._posting(facet, number)] = True
        return mask

    def _posting(self, facet, number):
        posting = self._postings.get(number)
        if posting is None:
            docs, values = self.rows[facet]
            posting = self._postings[number] = docs[values == number]
        return posting

    def count(self, facet, mask):
        """value -> number of documents in `mask` that have it."""
        docs, values = self.rows[facet]
        chosen = values[mask[docs]]
        if not len(chosen):
            return {}
        tally = np.bincount(chosen)
        present = np.flatnonzero(tally)
        return {self.values[i][1]: int(tally[i]) for i in present}

    # --- changing -------------------------------------------------------------------------

    def _value_number(self, facet, value):
        key = (facet, value)
        number = self.number.get(key)
        if number is None:
            number = self.number[key] = len(self.values)
            self.values.append(key)
        return number

    def _order_by_date(self):
        """ "neueste": newest first, undated last, then title, then id (as the SQL order was)."""
        self._set_order(np.lexsort((self.slot_ids, self.title_rank, -self.days)))

    def _set_order(self, order):
        self.date_order = order
        self.date_rank = np.empty(len(order), dtype=np.int64)
        self.date_rank[order] = np.arange(len(order), dtype=np.int64)

    def _reorder(self, moved):
        """Put the moved slots (new, redated or retitled) back into the "neueste" order by
        binary search instead of sorting everything again (a full sort cost ~20-70 ms at
        100,000 documents on the loaded test machine)."""
        moved = np.fromiter(moved, dtype=np.int64)
        keep = self.date_order[~np.isin(self.date_order, moved)]
        newest, titles = -self.days[keep], self.title_rank[keep]
        moved = moved[np.lexsort((self.slot_ids[moved], self.title_rank[moved], -self.days[moved]))]
        places = []
        for slot in moved.tolist():
            day = -self.days[slot]
            low = int(np.searchsorted(newest, day, "left"))
            high = int(np.searchsorted(newest, day, "right"))
            places.append(low + int(np.searchsorted(titles[low:high], self.title_rank[slot])))
        self._set_order(np.insert(keep, places, moved))

    def apply(self, changed_ids, cursor):
        """Bring the given documents up to date from the database (rows, values, title place)."""
        changed = np.unique(np.asarray(changed_ids, dtype=np.int64))
        if not len(changed):
            return
        marks = ",".join(["%s"] * len(changed))
        params = changed.tolist()
        cursor.execute(
            f"SELECT id, visibility, {_days('date')} FROM {DOC} WHERE id IN ({marks}) ORDER BY id",
            params,
        )
        present = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(
            f"SELECT document_id, facet, value FROM {VALUE} WHERE document_id IN ({marks})",
            params,
        )
        values = cursor.fetchall()
        # Each present document's place in title order: between its nearest neighbours that
        # did not change (their ranks are known); several changed ones between the same two
        # neighbours are spread evenly, in the database's own order.
        placed = []
        if present:
            keep = ",".join(["%s"] * len(present))
            cursor.execute(
                f"SELECT c.id, "
                f"(SELECT d.id FROM {DOC} d WHERE (d.title_sort, d.id) < (c.title_sort, c.id) "
                f"AND d.id NOT IN ({keep}) ORDER BY d.title_sort DESC, d.id DESC LIMIT 1), "
                f"(SELECT d.id FROM {DOC} d WHERE (d.title_sort, d.id) > (c.title_sort, c.id) "
                f"AND d.id NOT IN ({keep}) ORDER BY d.title_sort, d.id LIMIT 1) "
                f"FROM {DOC} c WHERE c.id IN ({keep}) ORDER BY c.title_sort, c.id",
                [*present, *present, *present],
            )
            placed = cursor.fetchall()

        # 1. slots: dead for deleted documents, appended for new ones
        old_slots, found = self.slots(changed)
        gone = [i for i in changed.tolist() if i not in present]
        if gone:
            gone_slots, _ = self.slots(gone)
            self.alive[gone_slots] = False
            self.public[gone_slots] = False
        new_ids = []
        for document_id in present:
            slot = self._any_slot(document_id)
            if slot is None:
                new_ids.append(document_id)
            else:
                self.alive[slot] = True  # SQLite may give a deleted document's id to a new one
        moved = set(range(len(self.slot_ids), len(self.slot_ids) + len(new_ids)))
        if new_ids:
            self._append(np.array(new_ids, dtype=np.int64))
        # 2. visibility and date of the present ones
        slot_of = {}
        if present:
            ids = np.fromiter(present, dtype=np.int64, count=len(present))
            slots, _ = self.slots(ids)
            for document_id, slot in zip(ids.tolist(), slots.tolist(), strict=True):
                slot_of[document_id] = slot
                visibility, days = present[document_id]
                self.public[slot] = visibility == PUBLIC
                days = NO_DATE if days is None else int(days)
                if self.days[slot] != days:
                    moved.add(slot)
                self.days[slot] = days
        # 3. title ranks
        groups = {}
        for document_id, before, after in placed:
            groups.setdefault((before, after), []).append(document_id)
        for (before, after), members in groups.items():
            low = self._rank_of(before, -1.0)
            high = self._rank_of(after, None)
            if high is None:
                high = low + len(members) + 1
            step = (high - low) / (len(members) + 1)
            if step <= 0 or low + step == low or low + step * len(members) >= high:
                raise NeedsReload("title order has no room left between two neighbours")
            for k, document_id in enumerate(members, start=1):
                slot = slot_of[document_id]
                if low < self.title_rank[slot] < high and len(members) == 1:
                    continue  # still between the same neighbours: its place is unchanged
                self.title_rank[slot] = low + step * k
                moved.add(slot)
        # 4. facet rows: drop every row of a changed slot, add the present ones anew
        touched = np.concatenate([old_slots, np.fromiter(slot_of.values(), np.int64)])
        additions = {}
        for document_id, facet, value in values:
            if facet in FACET_NUMBER and document_id in slot_of:
                additions.setdefault(facet, []).append(
                    (slot_of[document_id], self._value_number(facet, value))
                )
        for facet in FACETS:
            docs, numbers = self.rows[facet]
            keep_rows = ~np.isin(docs, touched)
            extra = additions.get(facet, [])
            self.rows[facet] = (
                np.concatenate([docs[keep_rows], np.array([s for s, _ in extra], np.int64)]),
                np.concatenate([numbers[keep_rows], np.array([v for _, v in extra], np.int32)]),
            )
        self._postings = {}
        self._region_caches()
        if moved:  # a new document, another date or title place: "neueste" changes
            self._reorder(moved)

    def _any_slot(self, document_id):
        """The slot an id has or had (also a dead one), or None."""
        at = int(np.searchsorted(self.sorted_ids, document_id))
        if at < len(self.sorted_ids) and self.sorted_ids[at] == document_id:
            return int(self.sorted_slots[at])
        return None

    def _rank_of(self, document_id, default):
        if document_id is None:
            return default
        slots, _ = self.slots([document_id])
        if not len(slots):  # a neighbour this snapshot has not seen yet
            raise NeedsReload("neighbour not in the snapshot")
        return float(self.title_rank[slots[0]])

    def _append(self, new_ids):
        # Sorted first: np.insert puts several ids that fall into the same gap in the order
        # given, and the database returns changed rows in its own (PostgreSQL: heap) order, so
        # unsorted ids left `sorted_ids` unsorted and later lookups missed documents.
        new_ids = np.sort(new_ids)
        n, k = len(self.slot_ids), len(new_ids)
        self.slot_ids = np.concatenate([self.slot_ids, new_ids])
        self.alive = np.concatenate([self.alive, np.ones(k, dtype=bool)])
        self.public = np.concatenate([self.public, np.zeros(k, dtype=bool)])
        self.days = np.concatenate([self.days, np.full(k, NO_DATE, dtype=np.int64)])
        self.title_rank = np.concatenate([self.title_rank, np.zeros(k)])
        at = np.searchsorted(self.sorted_ids, new_ids)
        self.sorted_ids = np.insert(self.sorted_ids, at, new_ids)
        self.sorted_slots = np.insert(self.sorted_slots, at, np.arange(n, n + k, dtype=np.int64))


def _id_array(text):
    return np.fromstring(text or "", dtype=np.int64, sep=",")


def _days(column):
    """The date column as days since 1970 (NULL stays NULL)."""
    if connection.vendor == "postgresql":
        return f"({column} - DATE '1970-01-01')"
    return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"


# --- the change log ----------------------------------------------------------------------


class Position:
    """Where a snapshot stands in the change log."""

    def __init__(self, last_id=0, anchor=None, xmax=None, xip=()):
        self.last_id = last_id  # SQLite: highest id seen
        self.anchor = anchor  # (id, nonce) of the newest row seen: gone = rolled back
        self.xmax = xmax  # PostgreSQL: transactions from here on were not visible yet
        self.xip = tuple(xip)  # PostgreSQL: ... nor these, still running then
        self.seen_own = set()  # ids of rows of our own open transaction already applied


def position_now(cursor):
    """The log's current position, taken before a full load (later writes are re-read)."""
    cursor.execute(f"SELECT id, nonce FROM {LOG} ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    anchor = (row[0], row[1]) if row else None
    if connection.vendor != "postgresql":
        return Position(last_id=row[0] if row else 0, anchor=anchor)
    cursor.execute(
        "SELECT pg_snapshot_xmax(s)::text::bigint, "
        "ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(s) x) FROM pg_current_snapshot() s"
    )
    xmax, xip = cursor.fetchone()
    position = Position(anchor=anchor, xmax=xmax, xip=xip)
    # Rows our own open transaction wrote so far are in the data about to be loaded.
    cursor.execute(
        f"SELECT id FROM {LOG} WHERE txid = pg_current_xact_id_if_assigned()::text::bigint"
    )
    position.seen_own = {row[0] for row in cursor.fetchall()}
    return position


def log_everything(cursor):
    """A log row that names no document: every snapshot reloads (as after a TRUNCATE); written
    by a bulk load that runs without the per-document triggers."""
    if connection.vendor == "postgresql":
        cursor.execute(
            f"INSERT INTO {LOG} (document_id, txid, nonce, created) VALUES "
            "(NULL, pg_current_xact_id()::text::bigint, (random() * 9e18)::bigint, now())"
        )
    else:
        cursor.execute(
            f"INSERT INTO {LOG} (document_id, txid, nonce, created) "
            "VALUES (NULL, NULL, random(), datetime('now'))"
        )


def changes_since(position, cursor):
    """(document ids changed since `position`, the new position), in one query; NeedsReload
    when the log cannot tell (a TRUNCATE, a rollback or pruning of the newest row seen)."""
    anchor_id = position.anchor[0] if position.anchor else None
    if connection.vendor != "postgresql":
        cursor.execute(
            f"SELECT id, document_id, nonce FROM {LOG} WHERE id > %s OR id = %s ORDER BY id",
            [position.last_id, anchor_id],
        )
        rows = cursor.fetchall()
        _check_anchor(position, rows)
        rows = [row for row in rows if row[0] > position.last_id]
        if not rows:
            return [], position
        fresh = Position(last_id=rows[-1][0], anchor=(rows[-1][0], rows[-1][2]))
        return _documents(rows), fresh
    cursor.execute(
        "SELECT pg_snapshot_xmax(s)::text::bigint, "
        "ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(s) x), "
        "pg_current_xact_id_if_assigned()::text::bigint, "
        "(SELECT string_agg(concat_ws(':', id, coalesce(document_id, -1), nonce, txid), ',') "
        f"FROM {LOG} WHERE txid >= %s OR txid = ANY(%s) OR id = %s "
        "OR txid = pg_current_xact_id_if_assigned()::text::bigint) "
        "FROM pg_current_snapshot() s",
        [position.xmax, list(position.xip), anchor_id],
    )
    xmax, xip, own, joined = cursor.fetchone()
    rows = [
        tuple(None if part == "" else int(part) for part in (item.split(":") + [""])[:4])
        for item in (joined.split(",") if joined else [])
    ]
    rows = [(i, None if d == -1 else d, n, t) for i, d, n, t in rows]
    _check_anchor(position, rows)
    rows = sorted(
        row
        for row in rows
        if row[0] not in position.seen_own
        and (
            row[0] != anchor_id
            or row[3] == own
            or row[3] is None
            or row[3] >= position.xmax
            or row[3] in position.xip
        )
    )
    fresh = Position(anchor=position.anchor, xmax=xmax, xip=xip)
    fresh.seen_own = {row[0] for row in rows if own is not None and row[3] == own}
    if own is not None:
        fresh.seen_own |= position.seen_own
    if rows:
        newest = rows[-1]
        fresh.anchor = (newest[0], newest[2])
    return _documents(rows), fresh


def _check_anchor(position, rows):
    if position.anchor is None:
        return
    anchor_id, nonce = position.anchor
    if not any(row[0] == anchor_id and row[2] == nonce for row in rows):
        raise NeedsReload("change log rolled back or pruned")


def _documents(rows):
    ids = []
    for row in rows:
        if row[1] is None:
            raise NeedsReload("TRUNCATE")
        ids.append(row[1])
    return ids


def prune(cursor):
    """Drop log rows older than a day (every process has looked since, or reloads)."""
    from datetime import timedelta

    from django.utils import timezone

    cursor.execute(
        f"DELETE FROM {LOG} WHERE created < %s AND id < (SELECT max(id) FROM {LOG})",
        [timezone.now() - timedelta(seconds=PRUNE_SECONDS)],
    )


# --- the per-process snapshot --------------------------------------------------------------


def snapshot():
    """The snapshot of the projection as it is now: changed documents applied, or reloaded."""
    key = (connection.alias, str(connection.settings_dict.get("NAME")))
    with _lock:
        cached = _snapshots.get(key)
        with connection.cursor() as cursor:
            if cached is not None and time.monotonic() - cached.checked < STALE_SECONDS:
                try:
                    changed, position = changes_since(cached.position, cursor)
                    if len(set(changed)) > INCREMENTAL_LIMIT:
                        raise NeedsReload("too many changes")
                    if changed:
                        cached.apply(changed, cursor)
                    cached.position = position
                    cached.checked = time.monotonic()
                    return cached
                except NeedsReload:
                    pass
                except (ValueError, IndexError, KeyError):
                    # A safety net only (the fault seen on PostgreSQL was unsorted new ids, see
                    # `_append`): a snapshot that cannot take its changes is read anew, logged.
                    logger.exception("search: Änderungen nicht anwendbar, Snapshot neu geladen")
            fresh = load(cursor)
        _snapshots[key] = fresh
        return fresh


def load(cursor=None):
    """Read the whole projection as comma-joined lists (one row per list): the database sorts
    and groups, numpy parses; no Python loop over documents or values."""
    if cursor is None:
        with connection.cursor() as cursor:
            return load(cursor)
    position = position_now(cursor)
    public, days = _case_public(), f"COALESCE({_days('date')}, {NO_DATE})"
    if connection.vendor == "postgresql":
        cursor.execute(
            f"SELECT {_aggregate('id', 'id')}, {_aggregate(public, 'id')}, "
            f"{_aggregate(days, 'id')} FROM {DOC}"
        )
    else:
        cursor.execute(
            f"SELECT group_concat(id), group_concat({public}), group_concat({days}) "
            f"FROM (SELECT id, visibility, date FROM {DOC} ORDER BY id)"
        )
    ids, public, days = cursor.fetchone()
    if connection.vendor == "postgresql":
        cursor.execute(f"SELECT {_aggregate('id', 'title_sort, id')} FROM {DOC}")
    else:
        cursor.execute(
            f"SELECT group_concat(id) FROM (SELECT id FROM {DOC} ORDER BY title_sort, id)"
        )
    by_title = _id_array(cursor.fetchone()[0])
    cursor.execute(
        f"SELECT facet, value, {_aggregate('document_id')} FROM {VALUE} GROUP BY facet, value"
    )
    postings = [(facet, value, _id_array(joined)) for facet, value, joined in cursor.fetchall()]
    return Snapshot(
        _id_array(ids),
        _id_array(public).astype(bool),
        _id_array(days),
        by_title,
        postings,
        position=position,
    )


def _case_public():
    return f"CASE WHEN visibility = '{PUBLIC}' THEN 1 ELSE 0 END"


def _aggregate(column, order=None):
    if connection.vendor == "postgresql":
        ordering = f" ORDER BY {order}" if order else ""
        return f"string_agg(({column})::text, ','{ordering})"
    return f"group_concat({column})"
