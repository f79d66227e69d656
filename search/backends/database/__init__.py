"""The embedded database backend: the projection tables plus the database's own full-text search.

Key concepts: `DatabaseBackend` writes the projection (`SearchDocument` + `SearchFacetValue`)
and leaves text matching to the database (`_text_matches`: FTS5 on SQLite, tsvector on
PostgreSQL). Visibility, facet filters (OR within, AND across), disjunctive counts and ordering
run over an in-memory column snapshot of the projection (`columns.py`), which applies only the
documents the change log names (`SearchChange`, written by triggers of migration 0009).
The page's rows are then read by id. No value from a request reaches SQL except as a bound
parameter.
"""

import contextlib
import json
from collections import namedtuple
from dataclasses import replace

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from ... import buckets, suggest, synonyms
from ...attachments import best_snippet, plain_excerpt
from ...buckets import build_facets
from ...contract import (
    FACETS,
    MEMBERS,
    PUBLIC,
    SCOPE_NOTES,
    Hit,
    SearchRequest,
    SearchResponse,
    rollup_ancestors,
)
from ...text import WIDER_WEIGHT, highlight, highlight_all, parse_query, title_key
from ..base import DocumentData, SearchBackend
from . import columns

DOC = "search_searchdocument"
VALUE = "search_searchfacetvalue"
BATCH = 500
BULK = 2000  # documents per bulk write in a rebuild
ROW_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "keywords",
    "url",
    "date",
    "date_precision",
    "visibility",
    "region_label",
    "action_field_colour",
    "facets",
    "title_sort",
    "fingerprint",
)
# A written row as the text hooks read it (like a SearchDocument: pk, title, ... fingerprint).
TextRow = namedtuple("TextRow", ("pk", "key", "indexed_at", *ROW_FIELDS))
SYNONYM_TIER = 1e6  # added to the rank of a hit that only a synonym found
RANK_SYNONYM_HITS_BELOW = 100  # typed words find fewer: rank what only a synonym finds
PARTIAL_TIER = 1e7  # added to the rank of a hit that lacks a word of the query


class DatabaseBackend(SearchBackend):
    name = "database"
    vendor_label = "Datenbank"

    # --- text hooks (per database) --------------------------------------------------------

    exact_rank_limit = 5000  # up to this many matches, each is ranked by the database

    def _text_matches(self, parsed, ids):
        """(document ids, ranks, later) of the documents `ids` matching the parsed query; a
        lower rank is a better match (title weighted above summary above body). A document
        found only through a synonym ranks after every one found by what was typed.

        Ranking every row of a very common word costs hundreds of milliseconds (bm25 and
        ts_rank read each document's text), so large match sets are ranked in tiers instead:
        all words in the title, else in the summary, else elsewhere; the date orders each tier.
        The summary tier is read only when the page needs it: `later`, when not None, gives the
        ids of the summary tier (rank 1 for those ranked 2 so far); see `search`.
        """
        query = self._text_query(parsed)
        if not parsed.has_synonyms:
            return self._ranked(query, ids)
        # What only a synonym finds ranks after; by the database's rank when the typed words
        # find few, else by date (it rarely reaches the first page, and ranking it too doubled
        # the cost of a query with synonyms).
        typed_query = self._text_query(parsed.without_synonyms())
        typed = self._ranked(typed_query, self._matching_ids(typed_query))
        other_ids = np.setdiff1d(ids, typed[0])
        other_ranks = np.full(len(other_ids), SYNONYM_TIER)
        if len(typed[0]) < RANK_SYNONYM_HITS_BELOW:
            every, ranks, _ = self._ranked(query, ids)
            other = ~np.isin(every, typed[0])
            other_ids, other_ranks = every[other], ranks[other] + SYNONYM_TIER
        return (
            np.concatenate([typed[0], other_ids]),
            np.concatenate([typed[1], other_ranks]),
            typed[2],
        )

    def _partial_matches(self, parsed, shown, documents, ranked=True):
        """(ids, ranks, coverage) of the documents `shown` (a function of ids: those the
        request may show) that match part of the query. Each word scores its best piece (the
        word itself 1, a synonym 0.8, a compound's head 0.6, modifier 0.3;
        `search.text.Query.pieces`) times that piece's rarity (log(1 + documents / matches)),
        so a rare word outweighs a common one; a title match adds half a point, the date
        orders what ties (no bm25 over the union of every piece: ~50 ms at 10,000 documents).
        `coverage(id)` gives an id's per-word weights (what `Query.relaxed` reads)."""
        pieces = parsed.pieces()
        if len(parsed.words) == 1:  # the word itself found nothing shown: its parts alone
            pieces = [piece for piece in pieces if piece[1] < WIDER_WEIGHT]
        found = [self._matching_ids(self._text_query(query)) for _i, _w, query in pieces]
        every = np.unique(np.concatenate(found))
        covered = np.zeros((len(parsed.words), len(every)))
        scored = covered.copy()
        for (index, weight, _query), matches in zip(pieces, found, strict=True):
            at = np.searchsorted(every, matches)
            covered[index, at] = np.maximum(covered[index, at], weight)
            rarity = np.log1p(documents / max(len(matches), 1))
            scored[index, at] = np.maximum(scored[index, at], weight * rarity)
        ids = shown(every)
        ranks = -scored.sum(axis=0)[np.searchsorted(every, ids)]
        if len(ids):
            ranks[np.isin(ids, self._matching_ids(self._text_query(parsed.either()), "title"))] -= (
                0.5
            )
        return ids, ranks, lambda pk: covered[:, np.searchsorted(every, pk)]

    def _ranked(self, query, ids):
        """(ids, ranks, later) as arrays for the matches `ids` of `query`; a large set's summary
        tier is left to `later`."""
        ids = np.asarray(ids, dtype=np.int64)
        if len(ids) <= self.exact_rank_limit:
            ranked_ids, ranks = self._exact_ranks(query, ids)
            ranked_ids = np.asarray(ranked_ids, dtype=np.int64)
            return ranked_ids, np.asarray(ranks, dtype=float), None
        ranks = np.full(len(ids), 2.0)
        ranks[np.isin(ids, self._matching_ids(query, "title"))] = 0.0
        return ids, ranks, lambda: self._matching_ids(query, "summary")

    def _text_query(self, query):
        """The `search.text.Query` as this database's text index takes it."""
        raise NotImplementedError

    def _matching_ids(self, query, part="all"):
        """Ids (numpy int64) of documents matching the query in `part`: all, title or summary."""
        raise NotImplementedError

    def _exact_ranks(self, query, ids):
        """(ids, ranks) for the matching ids, each ranked by the database; lower is better."""
        raise NotImplementedError

    def _write_text(self, rows):
        """Index the text of freshly written projection rows (SearchDocument or TextRow)."""

    def _delete_text(self, ids):
        """Remove text index entries for projection row ids."""

    def compact(self):
        """Drop what deleted documents left inside the text index (erasure); see SQLite."""

    def _text_keys(self):
        """key -> fingerprint for every row that has a text index entry."""
        return dict(self._rows("SELECT key, fingerprint FROM " + DOC))

    def wrong_texts(self, progress=None):
        """Keys whose stored text index differs from the analysis done again here, in this one
        thread (`check_search --verify`): a rebuild's worker threads once stored other
        documents' stems, which no fingerprint shows."""
        wrong = []
        ids = [pk for (pk,) in self._rows(f"SELECT id FROM {DOC} ORDER BY id")]
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            rows = self._rows(
                f"SELECT id, key, title, summary, keywords, body FROM {DOC} WHERE id IN "
                f"({', '.join(['%s'] * len(batch))})",
                batch,
            )
            wrong += self._wrong_texts(rows)
            if progress is not None:
                progress.update(len(batch))
        return sorted(wrong)

    def _wrong_texts(self, rows):
        """Keys among (id, key, title, summary, keywords, body) rows whose stored text differs."""
        raise NotImplementedError

    # --- writing --------------------------------------------------------------------------

    def index(self, documents):
        """Add or replace documents: new keys in bulk, existing ones row by row."""
        from ...indexing import fingerprint
        from ...models import SearchDocument, SearchFacetValue

        documents = list({data.key: data for data in documents}.values())
        self._prune_now_and_then()
        existing = set(
            SearchDocument.objects.filter(key__in=[d.key for d in documents]).values_list(
                "key", flat=True
            )
        )
        fresh = [d for d in documents if d.key not in existing]
        with transaction.atomic():
            suggest.record([d for d in documents if d.key in existing])  # fresh: _write_batch
            for start in range(0, len(fresh), BATCH):
                self._write_batch(fresh[start : start + BATCH], fingerprint)
            for data in documents:
                if data.key not in existing:
                    continue
                row, _ = SearchDocument.objects.update_or_create(
                    key=data.key, defaults=_row_fields(data, fingerprint(data))
                )
                SearchFacetValue.objects.filter(document=row).delete()
                SearchFacetValue.objects.bulk_create(_values(row, data))
                self._delete_text([row.pk])
                self._write_text([row])
        return len(documents)

    _pruned_at = 0.0

    def _prune_now_and_then(self):
        """Old change-log rows go once an hour per process (each write only inserts)."""
        import time

        if time.monotonic() - DatabaseBackend._pruned_at > 3600:
            DatabaseBackend._pruned_at = time.monotonic()
            with connection.cursor() as cursor:
                columns.prune(cursor)

    def delete(self, keys):
        from ...models import SearchDocument

        keys = list(keys)
        with transaction.atomic():
            ids = list(SearchDocument.objects.filter(key__in=keys).values_list("pk", flat=True))
            if ids:
                self._delete_text(ids)
                SearchDocument.objects.filter(pk__in=ids).delete()

    def rebuild(self, documents, progress=None):
        """Replace the whole projection in one transaction, in bulk SQL (COPY on PostgreSQL,
        executemany on SQLite) with ids reserved up front, so no row goes through the ORM; the
        „Meinten Sie“ vocabulary is collected over all batches and written once. The text
        index is written by what `_bulk_load` gives (PostgreSQL: beside the live one)."""
        from ...indexing import fingerprint
        from ...models import SearchTerm

        written = 0
        vocabulary = {}
        alone = transaction.get_autocommit()  # not inside a caller's transaction
        with transaction.atomic(), self._bulk_load(alone) as write_text:
            # DELETE, not TRUNCATE, so searches go on meanwhile.
            self._execute(f"DELETE FROM {VALUE}")
            self._execute(f"DELETE FROM {DOC}")
            SearchTerm.objects.all().delete()
            with connection.cursor() as cursor:
                columns.prune(cursor)
            batch = []
            for data in documents:
                batch.append(data)
                if len(batch) >= BULK:
                    written += self._write_batch(batch, fingerprint, vocabulary, write_text)
                    if progress is not None:
                        progress.update(len(batch))
                    batch = []
            if batch:
                written += self._write_batch(batch, fingerprint, vocabulary, write_text)
                if progress is not None:
                    progress.update(len(batch))
            suggest.write(vocabulary.values())
        return written

    def _write_batch(self, batch, fingerprint, vocabulary=None, write_text=None):
        """Insert new documents (keys not yet in the projection): rows, facet values, text.
        With `vocabulary` (folded -> row) their words are collected there instead of written;
        `write_text` writes the text index (`_write_text` unless given)."""
        if vocabulary is None:
            suggest.record(batch)
        else:
            for row in suggest.vocabulary_rows(batch):
                vocabulary.setdefault(row[2], row)
        ids = self._new_ids(len(batch))
        ops = connection.ops
        now = ops.adapt_datetimefield_value(timezone.now())
        rows, values = [], []
        for pk, data in zip(ids, batch, strict=True):
            fields = _row_fields(data, fingerprint(data))
            fields["date"] = ops.adapt_datefield_value(fields["date"])
            fields["facets"] = json.dumps(fields["facets"])
            rows.append(TextRow(pk, data.key, now, *(fields[name] for name in ROW_FIELDS)))
            values.extend((pk, facet, value[:200]) for facet, value in _value_pairs(data))
        self._insert_rows(DOC, ("id", "key", "indexed_at", *ROW_FIELDS), rows)
        self._insert_rows(VALUE, ("document_id", "facet", "value"), values)
        (write_text or self._write_text)(rows)
        return len(rows)

    def _new_ids(self, count):
        """`count` fresh document ids (taken from the table's own sequence)."""
        raise NotImplementedError

    @contextlib.contextmanager
    def _bulk_load(self, alone=True):
        """Around a rebuild's writes (inside its transaction, `alone` when that is not part of
        a caller's): what makes a bulk load cheap on this database, undone afterwards; gives
        the function that writes the text index of written rows (it starts empty). The change
        log then gets one „everything changed“ row instead of one per document, so every
        process reloads its snapshot once."""
        yield self._write_text

    def _insert_rows(self, table, names, rows):
        """Insert tuples into `table` (columns `names`) in bulk."""
        raise NotImplementedError

    def indexed_keys(self):
        return self._text_keys()

    # --- reading --------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        snap = columns.snapshot()
        parsed = parse_query(request.q, synonyms.current())
        terms = parsed.terms
        base = snap.visible(request.viewer)
        if request.similar is not None:  # located in a similar municipality: a restriction
            base &= snap.filter_mask("region", request.similar.codes)
        filters = {
            facet: snap.region_mask(values, request.rollup)
            if facet == "region"
            else snap.filter_mask(facet, values)
            for facet, values in request.filters.items()
            if facet in FACETS and values
        }
        wanted = base.copy()
        for mask in filters.values():
            wanted &= mask
        scores = later = coverage = None
        strict_total = 0
        if parsed:
            ranked = request.sort == "relevanz"
            ids = self._matching_ids(self._text_query(parsed))
            positions, found = snap.positions(ids)
            strict_total = int(wanted[positions].sum())
            ranks = np.zeros(len(ids))
            if ranked and strict_total:
                ids, ranks, later = self._text_matches(parsed, ids)
            if parsed.wants_partial(strict_total):
                # no dead end: after what has all words, what covers most of them
                def shown(more):
                    more = np.setdiff1d(more, ids)
                    at, known = snap.positions(more)
                    return more[known][wanted[at]]

                strict_ids = ids
                more, more_ranks, coverage = self._partial_matches(parsed, shown, len(snap), ranked)
                ids = np.concatenate([ids, more])
                ranks = np.concatenate([ranks, PARTIAL_TIER + more_ranks])
                terms = parsed.partial_terms
            positions, found = snap.positions(ids)
            text = np.zeros(len(snap), dtype=bool)
            text[positions] = True
            base &= text
            if ranked:
                scores = np.full(len(snap), np.inf)
                scores[positions] = np.asarray(ranks, dtype=float)[found]
                exact, _ = snap.positions(self._exact_title_ids(request.q))
                scores[exact[text[exact]]] = -np.inf  # the title is the query: first
        matching = base.copy()
        for mask in filters.values():
            matching &= mask
        total = int(matching.sum())
        # The summary tier decides the page only when the title tier cannot fill it.
        needed = request.offset + request.page_size
        if later is not None and scores is not None and (scores[matching] <= 0).sum() < needed:
            summary, _ = snap.positions(later())
            scores[summary[scores[summary] == 2.0]] = 1.0
        page = self._page(snap, request, matching, scores)
        left_out, partial_q = (), ""
        if coverage is not None:  # what the best hit without all words lacks
            partial = matching.copy()
            partial[snap.positions(strict_ids)[0]] = False
            if partial.any():
                best = self._page(snap, replace(request, page=1, page_size=1), partial, scores)
                left_out, partial_q = parsed.relaxed(coverage(best[0]))
        counts = {}
        for facet in FACETS:
            if facet in filters:
                others = base.copy()
                for name, mask in filters.items():
                    if name != facet:
                        others &= mask
                counts[facet] = snap.count(facet, others)
            else:
                counts[facet] = snap.count(facet, matching)
            if facet == "region" and request.rollup:
                counts[facet] = snap.rollup_counts(
                    counts[facet], others if facet in filters else matching
                )
            if facet == "region" and facet in filters:
                counts[facet] = region_click_counts(snap, request, counts[facet], others, matching)
        return SearchResponse(
            total=total,
            hits=self._hits(page, terms, request.viewer, scope_notes(snap, request, page)),
            facets=build_facets(counts, request),
            backend=self.name,
            request=request,
            suggestion=self.suggestion(request.q, request.viewer, strict_total),
            left_out=tuple(left_out),
            all_words=strict_total if left_out else 0,
            partial_q=partial_q,
            also=tuple(parsed.also),
        )

    def suggestion(self, q, viewer, total):
        """„Meinten Sie“ for a query that finds little (search.suggest), else ""."""
        if not q or total >= suggest.SUGGEST_BELOW:
            return ""
        return suggest.suggest(q, lambda text: self.count(text, viewer))

    def count(self, q, viewer):
        """How many documents the viewer may see match the words of q (no facet filters)."""
        parsed = parse_query(q, synonyms.current())
        if not parsed:
            return 0
        snap = columns.snapshot()
        ids = self._matching_ids(self._text_query(parsed))
        positions, _found = snap.positions(ids)
        return int(snap.visible(viewer)[positions].sum())

    def _exact_title_ids(self, q):
        """Ids of documents titled exactly as the query (case, umlauts and spacing aside)."""
        return [
            row[0]
            for row in self._rows(f"SELECT id FROM {DOC} WHERE title_sort = %s", [title_key(q)])
        ]

    def _page(self, snap, request, matching, scores):
        """Document ids of the requested page, in the requested order."""
        candidates = np.flatnonzero(matching)
        if not len(candidates) or request.offset >= len(candidates):
            return []
        if request.sort == "titel":
            keys = (snap.title_rank[candidates],)
        elif request.sort == "neueste" or scores is None:
            keys = (snap.date_rank[candidates],)
        else:
            keys = (snap.date_rank[candidates], scores[candidates])  # lexsort: last key first
        end = request.offset + request.page_size
        if end < len(candidates) // 4:
            # Only the first `end` in order matter: keep those candidates whose first key is
            # at most the end-th smallest (ties kept), then sort just them (a full sort of
            # 100,000 candidates cost ~20 ms).
            first = keys[-1]
            cut = np.partition(first, end - 1)[end - 1]
            keep = first <= cut
            candidates = candidates[keep]
            keys = tuple(key[keep] for key in keys)
        order = np.lexsort(keys)
        chosen = candidates[order[request.offset : end]]
        return snap.ids[chosen].tolist()

    def _hits(self, page_ids, terms, viewer=PUBLIC, notes=None):
        """The rows of a page of hits, re-checking visibility in the same query that reads them
        (the snapshot may be older than a change that hid a document)."""
        if not page_ids:
            return []
        marks = ", ".join(["%s"] * len(page_ids))
        params = list(page_ids)
        visible = ""
        if viewer != MEMBERS:
            visible = " AND d.visibility = %s"
            params.append(PUBLIC)
        rows = {
            row[0]: row[1:]
            for row in self._rows(
                "SELECT d.id, d.key, d.kind, d.title, d.url, d.summary, d.body, d.region_label, "
                "d.date, d.action_field_colour, d.date_precision, d.keywords "
                f"FROM {DOC} d WHERE d.id IN ({marks}){visible}",
                params,
            )
        }
        hits = []
        for pk in page_ids:
            if pk not in rows:  # removed or hidden since the snapshot was taken
                continue
            key, kind, title, url, summary, body, region_label, day, colour, precision, words = (
                rows[pk]
            )
            snippet = marked_title = note = ""
            if terms:
                marked_title = highlight_all(title, terms)
                snippet, note = best_snippet(summary, body, words, terms, highlight)
            if not snippet:
                snippet = plain_excerpt(summary, body)
            hits.append(
                Hit(
                    id=key,
                    kind=kind,
                    title=title,
                    url=url,
                    summary=summary,
                    highlight=snippet,
                    title_highlight=marked_title,
                    match_note=note,
                    region_label=region_label,
                    date=_as_date(day),
                    action_field_colour=colour,
                    date_precision=precision,
                    scope_note=(notes or {}).get(pk, ""),
                )
            )
        return hits

    def autocomplete(self, prefix, viewer=PUBLIC, limit=8):
        folded = title_key(prefix)
        if not folded:
            return []
        pattern = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses = ["(d.title_sort LIKE %s ESCAPE '\\' OR d.title_sort LIKE %s ESCAPE '\\')"]
        params = [pattern + "%", "% " + pattern + "%"]
        if viewer == PUBLIC:
            clauses.append("d.visibility = %s")
            params.append(PUBLIC)
        sql = (
            f"SELECT d.title FROM {DOC} d WHERE {' AND '.join(clauses)} "
            "ORDER BY CASE WHEN d.title_sort LIKE %s ESCAPE '\\' THEN 0 ELSE 1 END, d.title_sort "
            "LIMIT %s"
        )
        titles = []
        for (title,) in self._rows(sql, [*params, pattern + "%", limit * 3]):
            if title not in titles:
                titles.append(title)
        return titles[:limit]

    # --- helpers --------------------------------------------------------------------------

    def _rows(self, sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, list(params))
            return cursor.fetchall()

    def _execute(self, sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, list(params))


def region_click_counts(snap, request, counts, others, matching):
    """Region counts as a click finds them (buckets.region_click_counts), exact: the union's
    base is the current result, or the kept regions' mask under the other filters."""
    selected = tuple(request.filters["region"])

    def union_base(kept, codes):
        stays = matching if kept == selected else others & snap.region_mask(kept, request.rollup)
        found = snap.count("region", stays)
        found = {code: found.get(code, 0) for code in codes}  # also where stays has none
        if request.rollup:
            found = snap.rollup_counts(found, stays)
        return int(stays.sum()), found

    return buckets.region_click_counts(counts, selected, union_base)


def scope_notes(snap, request, page_ids):
    """id -> „gilt für den ganzen Kreis“ (…) for hits only the region roll-up found."""
    selected = request.filters.get("region", ())
    if not request.rollup or not selected or not page_ids:
        return {}
    positions, _found = snap.positions(page_ids)
    inside = snap.filter_mask("region", selected)[positions]
    notes = {}
    for ancestor in sorted({a for code in selected for a in rollup_ancestors(code)}, key=len):
        own = snap.own_region(ancestor)[positions]
        for pk, is_own, is_inside in zip(page_ids, own, inside, strict=True):
            if is_own and not is_inside:
                notes[pk] = str(SCOPE_NOTES.get(len(ancestor), SCOPE_NOTES[2]))
    return notes


def _row_fields(data: DocumentData, print_):
    return {
        "kind": data.kind,
        "title": data.title,
        "summary": data.summary,
        "body": data.body,
        "keywords": data.keywords,
        "url": data.url,
        "date": data.date,
        "date_precision": data.date_precision,
        "visibility": data.visibility,
        "region_label": data.region_label,
        "action_field_colour": data.action_field_colour,
        "facets": data.facets,
        "title_sort": title_key(data.title),
        "fingerprint": print_,
    }


def _value_pairs(data):
    """(facet, value) pairs of a document, each once."""
    return [
        (facet, value) for facet, values in data.facets.items() for value in dict.fromkeys(values)
    ]


def _values(row, data):
    from ...models import SearchFacetValue

    return [
        SearchFacetValue(document_id=row.pk, facet=facet, value=value[:200])
        for facet, value in _value_pairs(data)
    ]


def _as_date(value):
    if value is None or hasattr(value, "year"):
        return value
    from datetime import date

    return date.fromisoformat(str(value)[:10])
