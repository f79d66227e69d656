"""The search page /suche/: thin over params (validation), service (backends) and presentation."""

import logging
from dataclasses import replace

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from werkstatt.contentcache import cached

from . import presentation
from .contract import FACETS, KINDS, SearchRequest, rollup_ancestors
from .feeds import feed_url
from .params import ParamError, check_page, default_sort, parse, viewer_for
from .service import search_with_fallback

logger = logging.getLogger("search")


def action_field_names(request):
    """slug -> name of every action field (the facet's labels, kept per content version)."""
    from .buckets import LABEL_QUERIES

    return cached(request, "facet labels", "handlungsfeld", LABEL_QUERIES["handlungsfeld"])


@require_GET
def search_page(request):
    viewer = viewer_for(request.user)
    try:
        search_request, show_all = parse(request.GET, viewer=viewer)
        response = search_with_fallback(search_request)
        check_page(search_request, response.total)
    except ParamError as error:
        return render(
            request,
            "search/search.html",
            {"error": error.message, "q": _safe_q(request), "facet_names": FACETS},
            status=400,
        )
    names = action_field_names(request)
    hits = [
        {
            **entry,
            "kind_label": KINDS.get(entry["hit"].kind, entry["hit"].kind),
            "action_field": names.get(entry["hit"].action_field_colour, ""),
        }
        for entry in presentation.result_entries(response.hits)
    ]
    context = {
        "q": search_request.q,
        "search_request": search_request,
        "response": response,
        "hits": hits,
        "filters": [
            (facet, value) for facet, values in search_request.filters.items() for value in values
        ],
        "facet_groups": presentation.facet_groups(response, search_request, show_all),
        "chips": presentation.chips(response, search_request, show_all),
        "sort_links": presentation.sort_links(search_request, show_all),
        "pagination": presentation.pagination(search_request, response.total, show_all),
        "clear_url": presentation.url_for(
            SearchRequest(q=search_request.q, sort=default_sort(search_request.q))
        ),
        # carried by the search form only when chosen (not the default of the current words)
        "sort_chosen": ""
        if search_request.sort == default_sort(search_request.q)
        else search_request.sort,
        "first": search_request.offset + 1,
        "last": search_request.offset + len(response.hits),
        "is_members": viewer != "public",
        "feed_url": feed_url(search_request),
        "save_url": _save_url(request),
        "save_query": presentation.plain_query(search_request),
        "suggestion": response.suggestion,
        # the roll-up switch, where a selected Gemeinde or Kreis has enclosing regions
        "rollup_url": presentation.url_for(
            replace(search_request, rollup=not search_request.rollup, page=1), show_all
        )
        if any(rollup_ancestors(code) for code in search_request.filters.get("region", ()))
        else "",
        "partial_url": presentation.url_for(
            replace(search_request, q=response.partial_q, page=1), show_all
        )
        if response.partial_q
        else "",
        "suggestion_url": presentation.url_for(
            replace(search_request, q=response.suggestion, page=1), show_all
        )
        if response.suggestion
        else "",
    }
    return render(request, "search/search.html", context)


def _save_url(request):
    """Where a logged-in visitor saves this search (SEARCH_SAVE_URL_NAME; "" for no form)."""
    name = getattr(settings, "SEARCH_SAVE_URL_NAME", "")
    return reverse(name) if name and request.user.is_authenticated else ""


def _safe_q(request):
    values = request.GET.getlist("q")
    if len(values) != 1:
        return ""
    value = values[0]
    if len(value) > 500 or any(ord(c) < 32 for c in value):
        return ""
    return value


def warm():
    """Render the search page once before a worker takes requests (gunicorn's
    `post_worker_init`): it loads the column snapshot, the German analysis (word frequencies,
    stemmer), the synonyms and the page's templates, which made a fresh worker's first search
    stall for seconds inside a visitor's request. A failure is logged; the worker starts anyway."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory  # a request built in-process, no server involved

    request = RequestFactory().get("/suche/", {"q": "Pflege im Quartier"})
    request.user = AnonymousUser()
    try:
        search_page(request)
    except Exception:
        logger.exception("search: Vorwärmen beim Start fehlgeschlagen")
