"""The response side: an Elasticsearch `FacetedResponse` as the contract's `SearchResponse`.

Key concepts: totals come from `hits.total` (the request sets `track_total_hits`), hits keep
the highlighted snippet (escaped by Elasticsearch's html encoder, only our `<mark>` tags are
markup), and facet buckets go through the same bucket/label code as the database backend, so
both backends label, order and keep selected-at-zero values alike.
"""

from datetime import date, datetime

from django.utils.html import escape
from django.utils.text import Truncator

from ...contract import DAY, FACETS, Hit, SearchResponse
from ...facets import build_facets

# Like the database backend: a marked excerpt of the summary, else of the body, else the
# summary's (or body's) first words.
HIGHLIGHT_ORDER = ("summary", "body")
SNIPPET_WORDS = 36


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
    title_highlight = ""
    if fragments is not None and "title" in fragments:
        title_highlight = fragments["title"][0]  # the whole title (number_of_fragments 0)
    summary = getattr(hit, "summary", "") or ""
    if not highlight:
        highlight = escape(
            Truncator(summary or getattr(hit, "body", "") or "").words(SNIPPET_WORDS)
        )
    return Hit(
        id=hit.key,
        kind=hit.kind,
        title=hit.title,
        url=hit.url,
        summary=summary,
        highlight=highlight,
        title_highlight=title_highlight,
        region_label=getattr(hit, "region_label", "") or "",
        date=as_date(getattr(hit, "date", None)),
        action_field_colour=getattr(hit, "action_field_colour", "") or "",
        date_precision=getattr(hit, "date_precision", "") or DAY,
    )


def facet_counts(response):
    """facet -> {value: count} from the filtered aggregations (disjunctive counts)."""
    return {
        name: {str(value): count for value, count, _selected in response.facets[name]}
        for name in FACETS
    }


def to_search_response(request, response, backend):
    return SearchResponse(
        total=response.hits.total.value,
        hits=[to_hit(hit) for hit in response.hits],
        facets=build_facets(facet_counts(response), request),
        backend=backend,
        request=request,
    )
