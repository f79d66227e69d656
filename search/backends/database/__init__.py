"""The embedded database backend: the projection tables plus the database's own full-text search.

Key concepts: `DatabaseBackend` holds everything SQLite and PostgreSQL share: writing the
projection (`SearchDocument` + `SearchFacetValue`), facet filters as `id IN (index range)`,
disjunctive counts as one GROUP BY for all unselected facets plus one per selected facet,
sorting, paging, snippets. Subclasses say how text is matched and ranked (`_text_*` hooks).
No value from a request reaches SQL except as a bound parameter.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.html import escape
from django.utils.text import Truncator

from ...contract import FACETS, PUBLIC, Hit, SearchRequest, SearchResponse
from ...facets import build_facets
from ...text import fold, highlight, query_terms
from ..base import DocumentData, SearchBackend

DOC = "search_searchdocument"
VALUE = "search_searchfacetvalue"
BATCH = 500
# (database, viewer) -> (projection version, facet counts of everything the viewer may see)
_BASE_COUNTS = {}


@dataclass(frozen=True)
class Source:
    """The FROM clause (documents as alias d), the text condition and the rank expression."""

    from_sql: str
    condition: str = ""
    params: tuple = ()
    rank: str = ""  # ascending = best first
    rank_params: tuple = ()


class DatabaseBackend(SearchBackend):
    name = "database"
    vendor_label = "Datenbank"
    # Join that keeps the matching documents as the outer loop (SQLite: CROSS JOIN fixes order).
    ordered_join = "JOIN"

    # --- text hooks (per database) --------------------------------------------------------

    def _text_source(self, q, terms):
        """How to match and rank `q`: a `Source` (FROM with alias d, condition, rank)."""
        raise NotImplementedError

    def _write_text(self, rows):
        """Index the text of freshly written projection rows (SearchDocument instances)."""

    def _delete_text(self, ids):
        """Remove text index entries for projection row ids."""

    def _clear_text(self):
        """Remove every text index entry."""

    def _text_keys(self):
        """key -> fingerprint for every row that has a text index entry."""
        return dict(self._rows("SELECT key, fingerprint FROM " + DOC))

    # --- writing --------------------------------------------------------------------------

    def index(self, documents):
        """Add or replace documents: new keys in bulk, existing ones row by row."""
        from ...indexing import fingerprint
        from ...models import SearchDocument, SearchFacetValue

        documents = list({data.key: data for data in documents}.values())
        existing = set(
            SearchDocument.objects.filter(key__in=[d.key for d in documents]).values_list(
                "key", flat=True
            )
        )
        fresh = [d for d in documents if d.key not in existing]
        with transaction.atomic():
            for start in range(0, len(fresh), BATCH):
                self._write_batch(
                    fresh[start : start + BATCH], fingerprint, SearchDocument, SearchFacetValue
                )
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

    def delete(self, keys):
        from ...models import SearchDocument

        keys = list(keys)
        with transaction.atomic():
            ids = list(SearchDocument.objects.filter(key__in=keys).values_list("pk", flat=True))
            if ids:
                self._delete_text(ids)
                SearchDocument.objects.filter(pk__in=ids).delete()

    def rebuild(self, documents, progress=None):
        from ...indexing import fingerprint
        from ...models import SearchDocument, SearchFacetValue

        written = 0
        with transaction.atomic():
            self._clear_text()
            SearchFacetValue.objects.all().delete()
            SearchDocument.objects.all().delete()
            batch = []
            for data in documents:
                batch.append(data)
                if len(batch) >= BATCH:
                    written += self._write_batch(
                        batch, fingerprint, SearchDocument, SearchFacetValue
                    )
                    if progress is not None:
                        progress.update(len(batch))
                    batch = []
            if batch:
                written += self._write_batch(batch, fingerprint, SearchDocument, SearchFacetValue)
                if progress is not None:
                    progress.update(len(batch))
        return written

    def _write_batch(self, batch, fingerprint, SearchDocument, SearchFacetValue):
        rows = SearchDocument.objects.bulk_create(
            [SearchDocument(key=d.key, **_row_fields(d, fingerprint(d))) for d in batch]
        )
        if any(row.pk is None for row in rows):  # databases that return no ids
            by_key = dict(
                SearchDocument.objects.filter(key__in=[d.key for d in batch]).values_list(
                    "key", "pk"
                )
            )
            for row in rows:
                row.pk = by_key[row.key]
        values = []
        for row, data in zip(rows, batch, strict=True):
            values.extend(_values(row, data))
        SearchFacetValue.objects.bulk_create(values, batch_size=2000)
        self._write_text(rows)
        return len(rows)

    def indexed_keys(self):
        return self._text_keys()

    # --- reading --------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        terms = query_terms(request.q)
        source = self._text_source(request.q, terms) if terms else Source(f"{DOC} d")
        where_all, params_all = self._where(request, source)
        total = self._rows(f"SELECT COUNT(*) FROM {source.from_sql} WHERE {where_all}", params_all)[
            0
        ][0]
        hits = self._hits(request, source, terms, where_all, params_all) if total else []
        counts = self._facet_counts(request, source, terms, total, where_all, params_all)
        return SearchResponse(
            total=total,
            hits=hits,
            facets=build_facets(counts, request),
            backend=self.name,
            request=request,
        )

    def _where(self, request, source, excluding=None):
        clauses, params = ["1=1"], []
        if request.viewer == PUBLIC:
            clauses.append("d.visibility = %s")
            params.append(PUBLIC)
        if source.condition:
            clauses.append(source.condition)
            params.extend(source.params)
        for facet in FACETS:
            values = request.filters.get(facet)
            if not values or facet == excluding:
                continue
            marks = ", ".join(["%s"] * len(values))
            clauses.append(
                f"d.id IN (SELECT v.document_id FROM {VALUE} v WHERE v.facet = %s AND v.value IN ({marks}))"
            )
            params.append(facet)
            params.extend(values)
        return " AND ".join(clauses), params

    date_desc = "d.date DESC"  # NULLs (undated) last: SQLite's default; PostgreSQL says so

    def _order_by(self, request, source):
        if request.sort == "titel":
            return "d.title_sort ASC, d.id ASC", []
        if request.sort == "neueste" or not source.rank:
            return f"{self.date_desc}, d.title_sort ASC, d.id ASC", []
        return f"{source.rank} ASC, {self.date_desc}, d.id ASC", list(source.rank_params)

    def _hits(self, request, source, terms, where, params):
        """One page of hits: order and cut on ids first, then fetch the texts of those rows."""
        order, order_params = self._order_by(request, source)
        page_ids = [
            row[0]
            for row in self._rows(
                f"SELECT d.id FROM {source.from_sql} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, *order_params, request.page_size, request.offset],
            )
        ]
        if not page_ids:
            return []
        marks = ", ".join(["%s"] * len(page_ids))
        rows = {
            row[0]: row[1:]
            for row in self._rows(
                "SELECT d.id, d.key, d.kind, d.title, d.url, d.summary, d.body, d.region_label, "
                f"d.date, d.action_field_colour FROM {DOC} d WHERE d.id IN ({marks})",
                page_ids,
            )
        }
        hits = []
        for pk in page_ids:
            key, kind, title, url, summary, body, region_label, day, colour = rows[pk]
            snippet = ""
            if terms:
                snippet = highlight(summary, terms) or highlight(body, terms)
            if not snippet:
                snippet = escape(Truncator(summary or body).words(36))
            hits.append(
                Hit(
                    id=key,
                    kind=kind,
                    title=title,
                    url=url,
                    summary=summary,
                    highlight=snippet,
                    region_label=region_label,
                    date=_as_date(day),
                    action_field_colour=colour,
                )
            )
        return hits

    # --- facet counts ---------------------------------------------------------------------

    def _facet_counts(self, request, source, terms, total, where_all, params_all):
        """Disjunctive counts: one query for all unselected facets (every filter applies) and
        one per selected facet (every filter but its own). Without a query and filters the
        counts of the whole collection come from a cache that any projection change expires."""
        counts = {facet: {} for facet in FACETS}
        selected = [f for f in FACETS if request.filters.get(f)]
        unselected = [f for f in FACETS if f not in selected]
        if not terms and not selected:
            return self._base_counts(request.viewer)
        visible = self._visible_count(request.viewer)
        if unselected:
            self._count_into(counts, unselected, source, where_all, params_all, total, visible)
        for facet in selected:
            others = [f for f in selected if f != facet]
            if not terms and not others:
                counts[facet] = dict(self._base_counts(request.viewer).get(facet, {}))
                continue
            where, params = self._where(request, source, excluding=facet)
            self._count_into(counts, [facet], source, where, params, None, visible)
        return counts

    def _count_into(self, counts, facets, source, where, params, matching, visible):
        marks = ", ".join(["%s"] * len(facets))
        matches = f"SELECT d.id FROM {source.from_sql} WHERE {where}"
        if matching is not None and matching * 8 < visible:
            # Few matches: walk from them into the (document, facet, value) index.
            sql = (
                f"SELECT v.facet, v.value, COUNT(*) FROM ({matches}) m {self.ordered_join} "
                f"{VALUE} v ON v.document_id = m.id WHERE v.facet IN ({marks}) "
                "GROUP BY v.facet, v.value"
            )
            rows = self._rows(sql, [*params, *facets])
        else:
            # Many matches: scan the facets' (facet, value, document) index, already grouped.
            sql = (
                f"SELECT v.facet, v.value, COUNT(*) FROM {VALUE} v WHERE v.facet IN ({marks}) "
                f"AND v.document_id IN ({matches}) GROUP BY v.facet, v.value"
            )
            rows = self._rows(sql, [*facets, *params])
        for facet, value, count in rows:
            counts[facet][value] = count

    def _version(self):
        """Changes whenever the projection does (rows added, removed or rewritten)."""
        return tuple(self._rows(f"SELECT COUNT(*), MAX(id), MAX(indexed_at) FROM {DOC}")[0])

    def _visible_count(self, viewer):
        if viewer == PUBLIC:
            return self._rows(f"SELECT COUNT(*) FROM {DOC} d WHERE d.visibility = %s", [PUBLIC])[0][
                0
            ]
        return self._rows(f"SELECT COUNT(*) FROM {DOC} d")[0][0]

    def _base_counts(self, viewer):
        key = (connection.alias, connection.settings_dict["NAME"], viewer)
        version = self._version()
        cached = _BASE_COUNTS.get(key)
        if cached and cached[0] == version:
            return {facet: dict(values) for facet, values in cached[1].items()}
        counts = {facet: {} for facet in FACETS}
        where, params = self._where(SearchRequest(viewer=viewer), Source(f"{DOC} d"))
        self._count_into(counts, list(FACETS), Source(f"{DOC} d"), where, params, None, 0)
        _BASE_COUNTS[key] = (version, counts)
        return {facet: dict(values) for facet, values in counts.items()}

    def autocomplete(self, prefix, viewer=PUBLIC, limit=8):
        folded = " ".join(fold(prefix).split())
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


def _row_fields(data: DocumentData, print_):
    return {
        "kind": data.kind,
        "title": data.title,
        "summary": data.summary,
        "body": data.body,
        "url": data.url,
        "date": data.date,
        "visibility": data.visibility,
        "region_label": data.region_label,
        "action_field_colour": data.action_field_colour,
        "facets": data.facets,
        "title_sort": " ".join(fold(data.title).split())[:500],
        "fingerprint": print_,
    }


def _values(row, data):
    from ...models import SearchFacetValue

    return [
        SearchFacetValue(document_id=row.pk, facet=facet, value=value[:200])
        for facet, values in data.facets.items()
        for value in dict.fromkeys(values)
    ]


def _as_date(value):
    if value is None or hasattr(value, "year"):
        return value
    from datetime import date

    return date.fromisoformat(str(value)[:10])
