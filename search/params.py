"""Request parameters -> a validated `SearchRequest`: the one place that knows what is allowed.

Key concepts: every key must be a known parameter (facets from `contract.FACETS`, plus q,
sortierung, seite and, on the page, alle); single-valued parameters may appear once; facet
values are checked against their vocabulary (kinds, statuses, action fields, target groups,
regions, years, tags that exist in the projection). Anything else is a `ParamError` with a
German message, which the views turn into a 400. Values only ever reach SQL as bound parameters
through the backends; nothing here builds ORM filters from request keys.
"""

import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from werkstatt.numbers import NumberError, query_int

from .contract import (
    DEFAULT_PAGE_SIZE,
    FACETS,
    KINDS,
    MAX_QUERY_LENGTH,
    MEMBERS,
    PUBLIC,
    SORTS,
    VOCABULARIES,
    SearchRequest,
    Similar,
)

SINGLE = ("q", "sortierung", "seite", "alle", "uebergeordnet", "aehnlich")
ROLLUP_VALUES = {"ja": True, "nein": False}
ALLOWED = frozenset((*SINGLE, *FACETS))
MAX_VALUES = 20
MAX_VALUE_LENGTH = 200
MAX_PAGE = 500
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The API's exact rules (`parse(..., exact=True)`), written so that Python's `re.fullmatch` and
# the ECMA regexes of the OpenAPI description (`openapi`, anchored there) read them alike.
NO_CONTROL = "[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]"
VALUE_PATTERNS = {
    "handlungsfeld": "[a-z0-9-]{1,120}",
    "zielgruppe": "[a-z0-9-]{1,120}",
    "region": "[0-9]{2,12}",
    "jahr": "(19|20)[0-9]{2}",
    "schlagwort": f"{NO_CONTROL}{{1,{MAX_VALUE_LENGTH}}}",
}
# Facets whose values name rows: facet -> the field that holds the value.
NAMED_FIELDS = {
    "handlungsfeld": "slug",
    "zielgruppe": "slug",
    "region": "code",
    "schlagwort": "value",
}
NAMED_FACETS = tuple(NAMED_FIELDS)
YEAR = re.compile(r"^(19|20)\d\d$")
REGION_CODE = re.compile(r"^\d{2,12}$")


class ParamError(NumberError):
    """A request the search cannot answer; `message` is shown to the person (German)."""


def viewer_for(user):
    """PUBLIC or MEMBERS, decided by the site's one viewer rule (setting SEARCH_VIEWER_FUNCTION).

    Search imports no content app: the rule is named in the settings. Without it (or for an
    anonymous user) the viewer is PUBLIC, the safe side.
    """
    user = user or AnonymousUser()
    if not user.is_authenticated:
        return PUBLIC
    path = getattr(settings, "SEARCH_VIEWER_FUNCTION", "")
    if not path:
        return PUBLIC
    viewer = import_string(path)(user)
    return MEMBERS if viewer == MEMBERS else PUBLIC


def _clean_text(name, value, limit):
    if CONTROL.search(value):
        raise ParamError(
            _("Der Parameter „%(name)s“ enthält unzulässige Zeichen.") % {"name": name}, name
        )
    if len(value) > limit:
        raise ParamError(
            _("Der Parameter „%(name)s“ ist zu lang (höchstens %(limit)s Zeichen).")
            % {"name": name, "limit": limit},
            name,
        )
    return value.strip()


def parse(query, viewer=PUBLIC, page_size=DEFAULT_PAGE_SIZE, allow_all=True, exact=False):
    """Validate a QueryDict (request.GET). Returns (SearchRequest, show_all_facet).

    The page forgives what a form sends (empty fields, spaces around values). The API (`exact`)
    takes exactly what its OpenAPI description allows: no empty or padded values. Both answer a
    value that names nothing (an unknown region, action field, tag) with the same 400, one
    contract: an empty answer would read as „nothing there“ when the question was wrong.
    """
    for key in query:
        if key not in ALLOWED or (key == "alle" and not allow_all):
            shown = CONTROL.sub("?", key)[:40]
            raise ParamError(_("Unbekannter Suchparameter „%(key)s“.") % {"key": shown}, key)
    for key in SINGLE:
        if len(query.getlist(key)) > 1:
            raise ParamError(
                _("Der Parameter „%(key)s“ darf nur einmal vorkommen.") % {"key": key}, key
            )

    if exact:
        _check_exact(query)
    q = _clean_text("q", query.get("q", ""), MAX_QUERY_LENGTH)
    sort = query.get("sortierung", "") or default_sort(q)
    if sort == "relevanz" and not q:
        sort = "neueste"  # without words there is no relevance: newest content first
    if sort not in SORTS:
        raise ParamError(
            _("Unbekannte Sortierung „%(sort)s“; möglich sind: %(allowed)s.")
            % {"sort": CONTROL.sub("?", sort)[:40], "allowed": ", ".join(SORTS)},
            "sortierung",
        )
    try:
        page = query_int(query, "seite", 1, MAX_PAGE, default=1)
    except NumberError as error:
        raise ParamError(
            _("Die Seitenzahl muss eine ganze Zahl zwischen 1 und %(max)s sein.")
            % {"max": MAX_PAGE},
            "seite",
        ) from error
    show_all = query.get("alle", "")
    if show_all and show_all not in FACETS:
        raise ParamError(
            _("Unbekannte Facette „%(name)s“.") % {"name": CONTROL.sub("?", show_all)[:40]}, "alle"
        )

    rollup_text = query.get("uebergeordnet", "") or "ja"
    if rollup_text not in ROLLUP_VALUES:
        raise ParamError(
            _("„uebergeordnet“ ist „ja“ oder „nein“ (Kreis- und landesweite Angebote zeigen)."),
            "uebergeordnet",
        )

    similar = None
    if query.get("aehnlich", ""):
        similar = resolve_similar(_clean_text("aehnlich", query["aehnlich"], MAX_VALUE_LENGTH))

    filters = {}
    for facet in FACETS:
        values = []
        for raw in query.getlist(facet):
            value = _clean_text(facet, raw, MAX_VALUE_LENGTH)
            if value and value not in values:
                values.append(value)
        if not values:
            continue
        if len(values) > MAX_VALUES or len(query.getlist(facet)) > MAX_VALUES:
            raise ParamError(
                _("Zu viele Werte für „%(facet)s“ (höchstens %(max)s).")
                % {"facet": facet, "max": MAX_VALUES},
                facet,
            )
        unknown = sorted(set(values) - known_values(facet, values))
        if unknown:
            raise ParamError(
                _("Unbekannter Wert „%(value)s“ für %(facet)s.")
                % {"value": unknown[0][:60], "facet": FACETS[facet]},
                facet,
            )
        filters[facet] = tuple(values)

    request = SearchRequest(
        q=q,
        filters=filters,
        sort=sort,
        page=page,
        page_size=page_size,
        rollup=ROLLUP_VALUES[rollup_text],
        viewer=viewer if viewer in (PUBLIC, MEMBERS) else PUBLIC,
        similar=similar,
    )
    return request, show_all


def _check_exact(query):
    """The API's rules beyond the page's: a given single parameter must be valid (not empty),
    every facet value must be one of its vocabulary or match its pattern, unpadded."""
    single = {
        "sortierung": set(SORTS),
        "uebergeordnet": set(ROLLUP_VALUES),
    }
    for name, allowed in single.items():
        if name in query and query[name] not in allowed:
            raise ParamError(_("„%(name)s“ hat keinen gültigen Wert.") % {"name": name}, name)
    if "seite" in query and not re.fullmatch("[0-9]{1,3}", query["seite"]):
        raise ParamError(
            _("Die Seitenzahl muss eine ganze Zahl zwischen 1 und %(max)s sein.")
            % {"max": MAX_PAGE},
            "seite",
        )
    for facet in FACETS:
        for value in query.getlist(facet):
            if facet == "art":
                valid = value in KINDS
            elif facet in VOCABULARIES:
                valid = value in VOCABULARIES[facet]
            else:
                valid = re.fullmatch(VALUE_PATTERNS[facet], value) is not None
            if not valid:
                raise ParamError(
                    _("Unbekannter Wert „%(value)s“ für %(facet)s.")
                    % {"value": CONTROL.sub("?", value)[:60], "facet": FACETS[facet]},
                    facet,
                )


def resolve_similar(value):
    """`aehnlich=<Kurzname oder Gemeindeschlüssel>` -> a `Similar`, by the function the setting
    SEARCH_SIMILAR_FUNCTION names (search imports no content app); unknown -> ParamError."""
    path = getattr(settings, "SEARCH_SIMILAR_FUNCTION", "")
    similar = import_string(path)(value) if path and value else None
    if not isinstance(similar, Similar):
        raise ParamError(
            _(
                "Unbekannte Kommune „%(value)s“ für „aehnlich“: erwartet wird der Kurzname "
                "(wie in /netzwerk/kommunen/<kurzname>/) oder der Gemeindeschlüssel einer Kommune "
                "im Netzwerk."
            )
            % {"value": CONTROL.sub("?", value)[:60]},
            "aehnlich",
        )
    return similar


def known_values(facet, values):
    """The subset of `values` that the facet's vocabulary knows."""
    values = set(values)
    if facet == "art":
        return values & set(KINDS)
    if facet in VOCABULARIES:
        return values & set(VOCABULARIES[facet])
    if facet == "jahr":
        return {v for v in values if YEAR.match(v)}
    if facet == "region":
        values = {v for v in values if REGION_CODE.match(v)}
    return set(named_values(facet).filter(**{f"{NAMED_FIELDS[facet]}__in": values}))


def named_values(facet):
    """Every value a facet that names rows knows (action fields, target groups, regions, tags in
    the projection), as a flat values queryset: the one source for validation and the OpenAPI
    enums, so the API's schema allows exactly what it answers."""
    from taxonomy.models import ActionField, Region, TargetGroup

    from .models import SearchFacetValue

    field = NAMED_FIELDS[facet]
    queryset = {
        "handlungsfeld": ActionField.objects.all(),
        "zielgruppe": TargetGroup.objects.all(),
        "region": Region.objects.all(),
        "schlagwort": SearchFacetValue.objects.filter(facet="schlagwort"),
    }[facet]
    return queryset.order_by(field).values_list(field, flat=True).distinct()


def check_page(request, total):
    """A page beyond the last one is an error (page 1 of nothing is fine: 'no results')."""
    if request.page > 1 and request.offset >= total:
        raise ParamError(
            _("Seite %(page)s gibt es nicht; die Suche hat %(total)s Treffer.")
            % {"page": request.page, "total": total},
            "seite",
        )


def default_sort(q):
    """Relevance for a query with words; newest content first for an empty query."""
    return "relevanz" if q else "neueste"


def to_pairs(request, show_all=""):
    """The request as ordered (key, value) pairs for a URL (stable order, page only if > 1)."""
    pairs = []
    if request.q:
        pairs.append(("q", request.q))
    for facet in FACETS:
        for value in request.filters.get(facet, ()):
            pairs.append((facet, value))
    if request.sort != default_sort(request.q) and (request.q or request.sort != "relevanz"):
        pairs.append(("sortierung", request.sort))
    if not request.rollup:
        pairs.append(("uebergeordnet", "nein"))
    if request.similar is not None:
        pairs.append(("aehnlich", request.similar.key))
    if show_all:
        pairs.append(("alle", show_all))
    if request.page > 1:
        pairs.append(("seite", str(request.page)))
    return pairs
