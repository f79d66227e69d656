"""The response side: an Elasticsearch `FacetedResponse` as the contract's `SearchResponse`.

Key concepts: totals come from `hits.total` (the request sets `track_total_hits`), hits keep
the highlighted snippet (escaped by Elasticsearch's html encoder, only our `<mark>` tags are
markup), and facet buckets go through the same bucket/label code as the database backend, so
both backends label, order and keep selected-at-zero values alike.
"""

from dataclasses import replace
from datetime import date, datetime

from ...attachments import document_note, keywords_note, plain_excerpt
from ...buckets import build_facets, region_click_counts
from ...contract import DAY, FACETS, SCOPE_NOTES, Hit, SearchResponse, rollup_ancestors

# Like the database backend: a marked excerpt of the summary, else of the body (saying when
# it lies in a document's text), else of the keywords, else the summary's first words.
HIGHLIGHT_ORDER = ("summary", "body", "keywords")


def as_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def to_hit(hit):
    highlight = note = ""
    fragments = getattr(hit.meta, "highlight", None)
    if fragments is not None:
        for field in HIGHLIGHT_ORDER:
            if field in fragments:
                highlight = " … ".join(fragments[field])
                if field == "body":
                    note = document_note(getattr(hit, "body", "") or "", fragments[field][0])
                elif field == "keywords":
                    note = keywords_note()
                break
    title_highlight = ""
    if fragments is not None and "title" in fragments:
        title_highlight = fragments["title"][0]  # the whole title (number_of_fragments 0)
    summary = getattr(hit, "summary", "") or ""
    if not highlight:
        highlight = plain_excerpt(summary, getattr(hit, "body", "") or "")
    return Hit(
        id=hit.key,
        kind=hit.kind,
        title=hit.title,
        url=hit.url,
        summary=summary,
        highlight=highlight,
        title_highlight=title_highlight,
        match_note=note,
        region_label=getattr(hit, "region_label", "") or "",
        date=as_date(getattr(hit, "date", None)),
        action_field_colour=getattr(hit, "action_field_colour", "") or "",
        date_precision=getattr(hit, "date_precision", "") or DAY,
    )


def _rolled_up(counts, aggregation, request):
    """With roll-up a Kreis or Gemeinde also counts the region-wide documents enclosing it."""
    if not request.rollup:
        return counts
    own_aggregation = getattr(aggregation, "region_own", None)
    own = {}
    if own_aggregation is not None:
        own = {bucket.key: bucket.doc_count for bucket in own_aggregation.buckets}
    return {
        code: count + sum(own.get(a, 0) for a in rollup_ancestors(code))
        for code, count in counts.items()
    }


def facet_counts(response, request=None):
    """facet -> {value: count} from the filtered aggregations (disjunctive counts); region
    counts as a click finds them (roll-up; with regions selected, the union with them)."""
    counts = {
        name: {str(value): count for value, count, _selected in response.facets[name]}
        for name in FACETS
    }
    if request is None:
        return counts
    counts["region"] = _rolled_up(
        counts["region"], response.aggregations["_filter_region"], request
    )
    selected = tuple(request.filters.get("region", ()))
    click = getattr(response.aggregations, "_click_region", None)
    if selected and click is not None:
        found = {bucket.key: bucket.doc_count for bucket in click.region.buckets}

        def union_base(kept, codes):
            # the current result is known; a union with only some selected regions would
            # need another request: those codes keep their own count
            if kept != selected:
                return None
            inside = _rolled_up({code: found.get(code, 0) for code in codes}, click, request)
            return response.hits.total.value, inside

        counts["region"] = region_click_counts(counts["region"], selected, union_base)
    return counts


def scope_note(hit, request):
    """„gilt für den ganzen Kreis“ (…) for a hit only the region roll-up found."""
    selected = request.filters.get("region", ()) if request is not None else ()
    if not selected or not request.rollup:
        return ""
    regions = list(getattr(hit, "region", []) or [])
    if any(code in regions for code in selected):
        return ""
    own = list(getattr(hit, "region_own", []) or [])
    for code in selected:
        for ancestor in reversed(rollup_ancestors(code)):
            if ancestor in own:
                return str(SCOPE_NOTES.get(len(ancestor), SCOPE_NOTES[2]))
    return ""


def to_search_response(request, response, backend):
    return SearchResponse(
        total=response.hits.total.value,
        hits=[replace(to_hit(hit), scope_note=scope_note(hit, request)) for hit in response.hits],
        facets=build_facets(facet_counts(response, request), request),
        backend=backend,
        request=request,
    )
