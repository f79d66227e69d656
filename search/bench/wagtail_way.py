"""The comparison in `bench_search`: the same corpus searched the way a Wagtail site does it today.

Key concepts: a plain model indexed with `wagtail.search` (`index.Indexed`, SearchFields for
text, FilterFields for facet values), queried with `.filter()` + `.search()` and one `.facet()`
per facet. Wagtail facets count one value per row, so multi-valued facets (action fields,
target groups, tags) keep their first value here, and the region is split into Land and
Kreis columns. That makes Wagtail's work smaller than ours, never larger. Its counts are not
disjunctive (each facet counted under all filters), the usual Wagtail-site behaviour.

The model exists only in the bench's scratch database: its table is created there by
`create_table()` and it has no migration (`managed = False`); this module is imported by the
bench command only.
"""

from django.db import connection, models
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.queryset import SearchableQuerySetMixin

from ..contract import PUBLIC

FACET_COLUMNS = {
    "art": "kind",
    "handlungsfeld": "handlungsfeld",
    "zielgruppe": "zielgruppe",
    "status": "status",
    "schlagwort": "schlagwort",
    "jahr": "jahr",
}
ORDER = {"neueste": "-date", "titel": "title"}


class SearchableQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class WagtailWayDocument(index.Indexed, models.Model):
    key = models.CharField(max_length=200, unique=True)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    date = models.DateField(null=True)
    visibility = models.CharField(max_length=10)
    kind = models.CharField(max_length=30)
    handlungsfeld = models.CharField(max_length=120, blank=True)
    land = models.CharField(max_length=2, blank=True)
    kreis = models.CharField(max_length=5, blank=True)
    zielgruppe = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=20, blank=True)
    schlagwort = models.CharField(max_length=200, blank=True)
    jahr = models.CharField(max_length=4, blank=True)

    objects = SearchableQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("title"),
        index.FilterField("date"),
        index.FilterField("visibility"),
        *(index.FilterField(column) for column in (*FACET_COLUMNS.values(), "land", "kreis")),
    ]

    class Meta:
        app_label = "search"
        db_table = "search_bench_wagtail_way"
        managed = False

    def __str__(self):
        return self.title


def _relate_index_entries():
    """What Wagtail's search app does in `ready()` for every indexed model (this one is later)."""
    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search.models import IndexEntry

    if not hasattr(WagtailWayDocument, "index_entries"):
        TextIDGenericRelation(IndexEntry).contribute_to_class(WagtailWayDocument, "index_entries")


_relate_index_entries()


def create_table():
    if WagtailWayDocument._meta.db_table not in connection.introspection.table_names():
        with connection.schema_editor() as editor:
            editor.create_model(WagtailWayDocument)


def clear():
    """Remove the rows and their entries in Wagtail's index (a half-built corpus left over)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    content_type = ContentType.objects.get_for_model(WagtailWayDocument)
    IndexEntry.objects.filter(content_type=content_type).delete()
    WagtailWayDocument.objects.all().delete()


def from_data(data):
    """A row for one `DocumentData` (first value of each multi-valued facet)."""
    facets = data.facets

    def first(name, length=None):
        values = [v for v in facets.get(name, ()) if length is None or len(v) == length]
        return values[0] if values else ""

    return WagtailWayDocument(
        key=data.key,
        title=data.title,
        summary=data.summary,
        body=data.body,
        date=data.date,
        visibility=data.visibility,
        kind=data.kind,
        handlungsfeld=first("handlungsfeld"),
        land=first("region", 2),
        kreis=first("region", 5),
        zielgruppe=first("zielgruppe"),
        status=first("status"),
        schlagwort=first("schlagwort"),
        jahr=first("jahr"),
    )


def index_rows(rows):
    """Add rows to Wagtail's search index (its database backend, like `update_index`)."""
    get_search_backend().add_bulk(WagtailWayDocument, rows)


def supports(request):
    """Whether this table has a column for every filter of `request`: it has none for the facets
    added later (measures, progress, quality), so such requests are timed for Werkstatt only."""
    return all(name == "region" or name in FACET_COLUMNS for name in request.filters)


def search(request):
    """Hits, total and facet counts for a `SearchRequest`, the Wagtail way."""
    from modelsearch.query import MATCH_ALL

    queryset = WagtailWayDocument.objects.all()
    if request.viewer == PUBLIC:
        queryset = queryset.filter(visibility=PUBLIC)
    for name, values in request.filters.items():
        if name == "region":
            for value in values:
                column = "land" if len(value) == 2 else "kreis"
                queryset = queryset.filter(**{f"{column}__in": [value]})
        else:
            queryset = queryset.filter(**{f"{FACET_COLUMNS[name]}__in": list(values)})
    order_by = ORDER.get(request.sort)
    results = queryset.search(request.q.strip() or MATCH_ALL, order_by=order_by)
    hits = list(results[request.offset : request.offset + request.page_size])
    facets = {name: results.facet(column) for name, column in FACET_COLUMNS.items()}
    facets["region"] = results.facet("land")
    if any(len(v) == 2 for v in request.filters.get("region", ())):
        facets["region_kreis"] = results.facet("kreis")
    return hits, results.count(), facets
