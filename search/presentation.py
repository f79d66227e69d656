"""What the search page shows, as plain data: facet link lists, chips, sort links, pages.

Key concepts: every state is a URL. A facet link toggles one value (other filters stay, the
page resets); in the region facet, choosing a region replaces its selected ancestors and
descendants, so NRW -> StädteRegion Aachen is a drill-down, not an OR of both. Long facets show
the first `FACET_LIMIT` values and an "alle anzeigen" link (`alle=<facet>`).
"""

import math
from dataclasses import replace
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from .contract import FACETS, SORTS, SearchRequest, replaces_region
from .params import default_sort, to_pairs

PAGE_URL = "/suche/"
FACET_LIMIT = 8
TOOL, MEASURE = "werkzeug", "massnahme"  # kinds: a measure is grouped under its tool
SORT_LABELS = {"relevanz": _("Relevanz"), "neueste": _("Neueste zuerst"), "titel": _("Titel A–Z")}


def url_for(request: SearchRequest, show_all="", base=PAGE_URL):
    query = urlencode(to_pairs(request, show_all))
    return f"{base}?{query}" if query else base


def plain_query(request: SearchRequest):
    """The query string of words, filters and roll-up only (page and sort belong to one view)."""
    return urlencode(to_pairs(replace(request, sort=default_sort(request.q), page=1)))


def describe(request: SearchRequest):
    """The words and filters of a search in one line („Pflege“; Handlungsfeld: …), "" for none."""
    parts = [f"„{request.q}“"] if request.q else []
    parts += [f"{FACETS[facet]}: {', '.join(values)}" for facet, values in request.filters.items()]
    if request.similar is not None:
        parts.append(similar_heading(request.similar))
    return "; ".join(parts)


def similar_heading(similar):
    """„Kommunen ähnlich wie Lüdenscheid: Kreis Düren, Stolberg (Rhld.)“."""
    names = ", ".join(similar.names) or _("keine gefunden")
    return _("Kommunen ähnlich wie %(name)s: %(names)s") % {"name": similar.label, "names": names}


def toggled(request: SearchRequest, facet, value):
    """The request with `value` switched on or off in `facet`, back on page 1."""
    filters = {k: list(v) for k, v in request.filters.items()}
    current = filters.get(facet, [])
    if value in current:
        current = [v for v in current if v != value]
    elif facet == "region":
        current = [v for v in current if not replaces_region(v, value)] + [value]
    else:
        current = [*current, value]
    if current:
        filters[facet] = current
    else:
        filters.pop(facet, None)
    return replace(request, filters={k: tuple(v) for k, v in filters.items()}, page=1)


def facet_groups(response, request, show_all=""):
    groups = []
    for facet, label in FACETS.items():
        buckets = response.facets.get(facet, [])
        if not buckets:
            continue
        limit = None if facet in ("region", show_all) else FACET_LIMIT
        shown = buckets
        hidden = 0
        if limit is not None and len(buckets) > limit:
            shown = [b for i, b in enumerate(buckets) if i < limit or b.selected]
            hidden = len(buckets) - len(shown)
        groups.append(
            {
                "name": facet,
                "label": label,
                "items": [
                    {"bucket": b, "url": url_for(toggled(request, facet, b.value), show_all)}
                    for b in shown
                ],
                "hidden": hidden,
                "more_url": url_for(replace(request, page=1), facet) if hidden else "",
                "less_url": url_for(replace(request, page=1)) if facet == show_all else "",
            }
        )
    return groups


def chips(response, request, show_all=""):
    """Selected values as removable chips, labelled like the facet lists."""
    labels = {
        (facet, b.value): b.label for facet, buckets in response.facets.items() for b in buckets
    }
    result = []
    for facet, values in request.filters.items():
        for value in values:
            result.append(
                {
                    "facet": FACETS[facet],
                    "label": labels.get((facet, value), value),
                    "url": url_for(toggled(request, facet, value), show_all),
                }
            )
    if request.similar is not None:
        result.append(
            {
                "facet": _("Kommunen ähnlich wie %(name)s") % {"name": request.similar.label},
                "label": ", ".join(request.similar.names) or _("keine gefunden"),
                "url": url_for(replace(request, similar=None, page=1), show_all),
            }
        )
    return result


def sort_links(request, show_all=""):
    return [
        {
            "label": SORT_LABELS[sort],
            "url": url_for(replace(request, sort=sort, page=1), show_all),
            "current": sort == request.sort,
        }
        for sort in SORTS
        if sort != "relevanz" or request.q  # no relevance without words
    ]


def pagination(request, total, show_all=""):
    pages = max(1, math.ceil(total / request.page_size))
    if pages == 1:
        return None
    window = range(max(1, request.page - 3), min(pages, request.page + 3) + 1)
    return {
        "current": request.page,
        "pages": pages,
        "previous": url_for(replace(request, page=request.page - 1), show_all)
        if request.page > 1
        else "",
        "next": url_for(replace(request, page=request.page + 1), show_all)
        if request.page < pages
        else "",
        "links": [
            {
                "number": n,
                "url": url_for(replace(request, page=n), show_all),
                "current": n == request.page,
            }
            for n in window
        ],
    }


def result_entries(hits):
    """The hits of one page as entries of the result list: [{"hit", "measures"}].

    A measure (Maßnahme) whose tool is an earlier hit on the page is listed under that tool
    („+3 Maßnahmen“, unfolded on demand) instead of crowding out other results; a measure that
    ranks above its tool, or whose tool is not among the hits, matches better alone and stays
    an entry of its own. An entry with the same link and snippet as an earlier one adds
    nothing and is left out, and so is a repeated measure (same link and title) under a tool.
    """
    entries, tools, seen = [], {}, set()
    for hit in hits:
        if hit.kind == MEASURE and hit.url.split("#", 1)[0] in tools:
            measures = tools[hit.url.split("#", 1)[0]]["measures"]
            if all((m.url, m.title) != (hit.url, hit.title) for m in measures):
                measures.append(hit)
            continue
        if (hit.url, hit.highlight) in seen:
            continue
        seen.add((hit.url, hit.highlight))
        entry = {"hit": hit, "measures": []}
        if hit.kind == TOOL and hit.url:
            tools.setdefault(hit.url, entry)
        entries.append(entry)
    return entries
