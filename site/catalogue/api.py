"""Read-only JSON of the catalogue: /api/v1/werkzeuge/ and /api/v1/zukunftsbilder/.

Key concepts: the API gives the open-data records (`opendata.json_record`): public tools only,
the same for every caller, under the open-data licence. Filters are plain GET parameters; the
OpenAPI description (`openapi_paths`, added to /api/v1/schema/ in `CatalogueConfig.ready`) says
exactly what the validation accepts: a value that matches the schema is never refused (an
unknown region key finds nothing), anything else is a 400 with a German message. Undeclared
methods answer 405 (CSRF does not get to refuse them first), GETs carry CORS for any origin.
"""

import re

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse

from werkstatt.numbers import MAX_ID, NumberError, query_int
from werkstatt.readonly import read_only

from . import opendata
from .models import CatalogueIndexPage, FutureVision, ToolStatus

PAGE_SIZE = 50
MAX_PAGE = 10_000
REGION = re.compile(r"^[0-9]{2,12}$")
SLUG = re.compile(r"^[a-z0-9-]{1,120}$")
FILTERS = ("handlungsfeld", "status", "zielgruppe", "region", "praxisbeispiel", "seite")


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message, parameter, status=400):
    return _json({"fehler": message, "parameter": parameter}, status=status)


def _choice(request, name, allowed):
    value = request.GET.get(name, "")
    if value and value not in allowed:
        raise ValueError(name)
    return value


def _slug(request, name):
    """A vocabulary slug; one that matches the pattern but names nothing finds nothing."""
    value = request.GET.get(name, "")
    if value and not SLUG.fullmatch(value):
        raise ValueError(name)
    return value


def _filtered_tools(request):
    """Public tools matching the GET filters; ValueError(parameter) for a value the schema forbids."""
    unknown = sorted(set(request.GET) - set(FILTERS))
    if unknown:
        raise ValueError(unknown[0])
    tools = opendata.public_tools()
    field = _slug(request, "handlungsfeld")
    status = _choice(request, "status", set(ToolStatus.values))
    group = _slug(request, "zielgruppe")
    practice = _choice(request, "praxisbeispiel", {"ja", "nein"})
    region = request.GET.get("region", "")
    if region and not REGION.fullmatch(region):
        raise ValueError("region")
    if field:
        tools = tools.filter(
            Q(primary_action_field__slug=field) | Q(further_action_fields__slug=field)
        ).distinct()
    if status:
        tools = tools.filter(status=status)
    if group:
        tools = tools.filter(target_groups__slug=group).distinct()
    if practice:
        tools = tools.filter(good_practice=practice == "ja")
    if region:
        # the tool's own region, else its catalogue's (as in the records)
        catalogues = CatalogueIndexPage.objects.filter(owner_region__code__startswith=region)
        inherited = Q()
        for path in catalogues.values_list("path", flat=True):
            inherited |= Q(path__startswith=path, location_region__isnull=True)
        tools = tools.filter(Q(location_region__code__startswith=region) | inherited)
    return tools


@read_only
def tools(request):
    try:
        queryset = _filtered_tools(request)
        number = query_int(request.GET, "seite", 1, MAX_PAGE, default=1)
    except ValueError as error:
        return _error("Unbekannter Parameter oder ungültiger Wert.", str(error))
    except NumberError as error:
        return _error(error.message, "seite")
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(number)
    items = opendata.records(request, page.object_list)
    return _json(
        {
            "anzahl": paginator.count,
            "seite": page.number,
            "seiten": paginator.num_pages,
            "lizenz": opendata.LICENCE["id"],
            "ergebnisse": [opendata.json_record(item) for item in items],
        }
    )


@read_only
def tool(request, pk):
    found = opendata.public_tools().filter(pk=pk)
    items = opendata.records(request, found)
    if not items:
        return _error("Dieses Werkzeug gibt es nicht oder es ist nicht öffentlich.", "id", 404)
    return _json(opendata.json_record(items[0]))


@read_only
def visions(request):
    if request.GET:
        return _error("Unbekannter Parameter oder ungültiger Wert.", sorted(request.GET)[0])
    catalogues = CatalogueIndexPage.objects.live().public()
    base = opendata.site_for(request).root_url
    result = [
        {
            "id": vision.pk,
            "katalog": {"titel": vision.catalogue.title, "url": base + vision.catalogue.url},
            "handlungsfeld": vision.action_field.name,
            "text_html": vision.text,
        }
        for vision in FutureVision.objects.filter(catalogue__in=catalogues)
        .select_related("catalogue", "action_field")
        .order_by("catalogue__path", "sort_order", "pk")
    ]
    return _json({"anzahl": len(result), "lizenz": opendata.LICENCE["id"], "ergebnisse": result})


# --- OpenAPI ------------------------------------------------------------------------------


def _string(**extra):
    return {"type": "string", **extra}


TOOL_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "titel", "url", "handlungsfelder", "status", "region", "jahre"],
    "properties": {
        "id": {"type": "integer"},
        "titel": _string(),
        "url": _string(format="uri"),
        "katalog": {
            "type": "object",
            "properties": {"titel": _string(), "url": _string()},
            "required": ["titel", "url"],
        },
        "handlungsfelder": {"type": "array", "items": _string(), "minItems": 1},
        "status": _string(enum=list(ToolStatus.values)),
        "kurzbeschreibung": _string(),
        "beschreibung": _string(),
        "zielgruppen": {"type": "array", "items": _string()},
        "schlagworte": {"type": "array", "items": _string()},
        "umsetzungsort": _string(),
        "region": {
            "type": ["object", "null"],
            "required": ["ags", "name", "ebene"],
            "properties": {
                "ags": _string(pattern="^[0-9]{2,12}$"),
                "name": _string(),
                "ebene": _string(),
            },
        },
        "beteiligte": _string(),
        "budget_eur": {"type": ["number", "null"]},
        "finanzierung": _string(),
        "externe_beratung": {
            "type": "object",
            "properties": {"noetig": {"type": "boolean"}, "was": _string()},
        },
        "jahre": {"type": "array", "items": {"type": "integer"}},
        "praxisbeispiel": {"type": "boolean"},
        "uebertragbarkeit": _string(),
        "projekte_und_berichte": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["art", "titel", "url"],
                "properties": {
                    "art": _string(),
                    "titel": _string(),
                    "url": _string(),
                    "region": _string(),
                    "jahr": {"type": ["integer", "null"]},
                },
            },
        },
        "nr_im_katalog": _string(),
        "zuletzt_geaendert": {"type": ["string", "null"], "format": "date-time"},
    },
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["fehler"],
    "properties": {"fehler": _string(), "parameter": _string()},
}


def _json_content(schema):
    return {"application/json": {"schema": schema}}


def _error_response(description):
    return {"description": description, "content": _json_content(ERROR_SCHEMA)}


def openapi_paths():
    """The catalogue's endpoints for /api/v1/schema/ (no database access: built in `ready()`)."""

    def query(name, schema, description):
        return {"name": name, "in": "query", "required": False, "schema": schema,
                "description": description}  # fmt: skip

    list_parameters = [
        query(
            "handlungsfeld",
            _string(pattern=SLUG.pattern),
            "Kurzname eines Handlungsfelds (ein unbekannter findet nichts)",
        ),
        query("status", _string(enum=list(ToolStatus.values)), "Status des Werkzeugs"),
        query(
            "zielgruppe",
            _string(pattern=SLUG.pattern),
            "Kurzname einer Zielgruppe (ein unbekannter findet nichts)",
        ),
        query(
            "region",
            _string(pattern="^[0-9]{2,12}$"),
            "Amtlicher Schlüssel; findet auch alles darunter (ein unbekannter findet nichts)",
        ),
        query("praxisbeispiel", _string(enum=["ja", "nein"]), "nur Praxisbeispiele / keine"),
        query(
            "seite",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            f"Seite zu je {PAGE_SIZE} Werkzeugen",
        ),
    ]
    page = {
        "type": "object",
        "required": ["anzahl", "seite", "seiten", "lizenz", "ergebnisse"],
        "properties": {
            "anzahl": {"type": "integer", "minimum": 0},
            "seite": {"type": "integer", "minimum": 1},
            "seiten": {"type": "integer", "minimum": 1},
            "lizenz": _string(const=opendata.LICENCE["id"]),
            "ergebnisse": {"type": "array", "items": TOOL_SCHEMA},
        },
    }
    vision = {
        "type": "object",
        "required": ["id", "katalog", "handlungsfeld", "text_html"],
        "properties": {
            "id": {"type": "integer"},
            "katalog": TOOL_SCHEMA["properties"]["katalog"],
            "handlungsfeld": _string(),
            "text_html": _string(description="Rich Text (HTML)"),
        },
    }
    return {
        "/api/v1/werkzeuge/": {
            "get": {
                "summary": "Öffentliche Werkzeuge aller Kataloge (offene Daten, dl-de/by-2-0)",
                "operationId": "tools",
                "parameters": list_parameters,
                "responses": {
                    "200": {"description": "Eine Seite Werkzeuge", "content": _json_content(page)},
                    "400": _error_response("Unbekannter Parameter oder ungültiger Wert"),
                },
            }
        },
        "/api/v1/werkzeuge/{id}/": {
            "get": {
                "summary": "Ein öffentliches Werkzeug",
                "operationId": "tool",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                    }
                ],
                "responses": {
                    "200": {"description": "Das Werkzeug", "content": _json_content(TOOL_SCHEMA)},
                    "404": _error_response("Nicht vorhanden oder nicht öffentlich"),
                },
            }
        },
        "/api/v1/zukunftsbilder/": {
            "get": {
                "summary": "Zukunftsbilder der öffentlichen Kataloge",
                "operationId": "visions",
                "responses": {
                    "200": {
                        "description": "Alle Zukunftsbilder",
                        "content": _json_content(
                            {
                                "type": "object",
                                "required": ["anzahl", "lizenz", "ergebnisse"],
                                "properties": {
                                    "anzahl": {"type": "integer"},
                                    "lizenz": _string(const=opendata.LICENCE["id"]),
                                    "ergebnisse": {"type": "array", "items": vision},
                                },
                            }
                        ),
                    },
                    "400": _error_response("Diese Adresse kennt keine Parameter"),
                },
            }
        },
    }
