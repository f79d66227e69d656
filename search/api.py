"""JSON API /api/v1/suche/ (same parameters as the page), /api/v1/suche/vorschlaege/ and the schema."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from werkstatt.readonly import read_only

from .contract import FACETS, KINDS, MAX_QUERY_LENGTH
from .openapi import schema
from .params import CONTROL, ParamError, parse, viewer_for
from .service import autocomplete_with_fallback, search_with_fallback

JSON_OPTIONS = {"ensure_ascii": False}


def error_response(error: ParamError, status=400):
    return JsonResponse(
        {"error": {"status": status, "message": error.message, "parameter": error.parameter}},
        status=status,
        json_dumps_params=JSON_OPTIONS,
    )


def _action_fields():
    from taxonomy.models import ActionField

    return {af.slug: af for af in ActionField.objects.all()}


def response_payload(search_request, response):
    fields = _action_fields()
    hits = []
    for hit in response.hits:
        field = fields.get(hit.action_field_colour)
        hits.append(
            {
                "id": hit.id,
                "kind": hit.kind,
                "kind_label": str(KINDS.get(hit.kind, hit.kind)),
                "title": hit.title,
                "url": hit.url,
                "summary": hit.summary,
                "highlight": hit.highlight,
                "title_highlight": hit.title_highlight,
                "region": hit.region_label,
                "scope_note": hit.scope_note,
                "match_note": hit.match_note,
                "date": hit.date.isoformat() if hit.date else None,
                "date_precision": hit.date_precision,
                "action_field": {"slug": field.slug, "name": field.name, "colour": field.colour}
                if field
                else None,
            }
        )
    pages = max(1, -(-response.total // search_request.page_size))
    return {
        "q": search_request.q,
        "total": response.total,
        "suggestion": response.suggestion,
        "partial": {
            "ohne": list(response.left_out),
            "q": response.partial_q,
            "alle_woerter": response.all_words,
        }
        if response.left_out or response.partial_q
        else None,
        "also": list(response.also),
        "page": search_request.page,
        "pages": pages,
        "page_size": search_request.page_size,
        "sort": search_request.sort,
        "selected": {facet: list(values) for facet, values in search_request.filters.items()},
        "similar": _similar_payload(search_request.similar),
        "hits": hits,
        "facets": {
            facet: {
                "label": str(label),
                "buckets": [
                    {
                        "value": b.value,
                        "label": b.label,
                        "count": b.count,
                        "selected": b.selected,
                        "level": b.level,
                        "parent": b.parent or None,
                    }
                    for b in response.facets.get(facet, [])
                ],
            }
            for facet, label in FACETS.items()
        },
        "backend": response.backend,
        "notice": response.notice,
    }


def _similar_payload(similar):
    if similar is None:
        return None
    return {
        "key": similar.key,
        "label": similar.label,
        "note": similar.note,
        "municipalities": [{"name": name, "region": code} for code, name in similar.regions],
    }


@read_only
def api_search(request):
    try:
        search_request, _show_all = parse(
            request.GET, viewer=viewer_for(request.user), allow_all=False, exact=True
        )
        response = search_with_fallback(search_request)
        # a page beyond the last is no error here (the schema allows every page up to
        # MAX_PAGE): its answer has no hits and says how many pages there are
    except ParamError as error:
        return error_response(error)
    return JsonResponse(response_payload(search_request, response), json_dumps_params=JSON_OPTIONS)


@read_only
def api_suggest(request):
    keys = list(request.GET)
    if any(key != "q" for key in keys) or len(request.GET.getlist("q")) > 1:
        return error_response(ParamError(_("Erlaubt ist nur ein Parameter „q“."), "q"))
    q = request.GET.get("q", "")
    if CONTROL.search(q) or len(q) > MAX_QUERY_LENGTH:
        return error_response(ParamError(_("Der Parameter „q“ ist ungültig."), "q"))
    suggestions = (
        autocomplete_with_fallback(q.strip(), viewer=viewer_for(request.user)) if q.strip() else []
    )
    return JsonResponse({"q": q, "suggestions": suggestions}, json_dumps_params=JSON_OPTIONS)


@read_only
def api_schema(request):
    return JsonResponse(schema(), json_dumps_params=JSON_OPTIONS)
