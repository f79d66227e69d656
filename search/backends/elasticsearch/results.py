"""The response side: an Elasticsearch `FacetedResponse` as the contract's `SearchResponse`.

Key concepts: totals come from `hits.total` (the request sets `track_total_hits`), hits keep
the highlighted snippet (escaped by Elasticsearch's html encoder, only our `<mark>` tags are
markup), and facet buckets go through the same bucket/label code as the database backend, so
both backends label, order and keep selected-at-zero values alike.
"""

from datetime import date, datetime

from ...contract import FACETS, Hit, SearchResponse

HIGHLIGHT_ORDER = ("body", "summary", "title")


def as_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def to_hit(hit):
    highlight = ""
    fragments = getattr(hit.meta, "highlight", None)
    if fragments is not None:
        for field in HIGHLIGHT_ORDER:
            if field in fragments:
                highlight = " … ".join(fragments[field])
                break
    return Hit(
        id=hit.key,
        kind=hit.kind,
        title=hit.title,
        url=hit.url,
        summary=getattr(hit, "summary", "") or "",
        highlight=highlight,
        region_label=getattr(hit, "region_label", "") or "",
        date=as_date(getattr(hit, "date", None)),
        action_field_colour=getattr(hit, "action_field_colour", "") or "",
    )


def facet_counts(response):
    """facet -> {value: count} from the filtered aggregations (disjunctive counts)."""
    return {
        name: {str(value): count for value, count, _selected in response.facets[name]}
        for name in FACETS
    }


def to_search_response(request, response, backend):
    from ..buckets import build_facets

    return SearchResponse(
        total=response.hits.total.value,
        hits=[to_hit(hit) for hit in response.hits],
        facets=build_facets(request, facet_counts(response)),
        backend=backend,
        request=request,
    )
