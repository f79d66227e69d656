"""Read-only JSON of the catalogue: /api/v1/werkzeuge/ and /api/v1/zukunftsbilder/.

Key concepts: the API gives the open-data records (`opendata.json_record`): public tools only,
the same for every caller, under the open-data licence. Filters are plain GET parameters; the
OpenAPI description (`openapi_paths`, added to /api/v1/schema/ through the hook
`search.openapi.PATHS_HOOK`) says
exactly what the validation accepts: a value that matches the schema is never refused (an
unknown region key finds nothing), anything else is a 400 with a German message. Undeclared
methods answer 405 (CSRF does not get to refuse them first), GETs carry CORS for any origin.
"""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from network.views import private
from werkstatt import jsonapi
from werkstatt.readonly import read_only
from werkstatt.siteaddress import absolute_url
from werkstatt.visibility import viewable

from . import opendata
from .models import (
    CatalogueIndexPage,
    FutureVision,
    PlanRow,
    PlanRowTool,
    ToolStatus,
    WorkshopPlanPage,
)

PAGE_SIZE = jsonapi.PAGE_SIZE
MAX_PAGE = jsonapi.MAX_PAGE
TOOL_FILTERS = [
    jsonapi.slug_filter("handlungsfeld", "eines Handlungsfelds"),
    jsonapi.choice_filter("status", ToolStatus.values, "Status des Werkzeugs"),
    jsonapi.slug_filter("zielgruppe", "einer Zielgruppe"),
    jsonapi.region_filter(),
    jsonapi.choice_filter("praxisbeispiel", ["ja", "nein"], "nur Praxisbeispiele / keine"),
]
PLAN_FILTERS = [
    jsonapi.slug_filter("handlungsfeld", "eines Handlungsfelds (in einer Zeile des Plans)"),
    jsonapi.region_filter(),
    jsonapi.year_filter("Jahr, das der Plan umfasst"),
]


def _filtered_tools(values):
    """Public tools matching the filter values read from the request."""
    tools = opendata.public_tools()
    field, status, group = values["handlungsfeld"], values["status"], values["zielgruppe"]
    practice, region = values["praxisbeispiel"], values["region"]
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


def _tool_records(request, tools):
    return [opendata.json_record(item) for item in opendata.records(request, tools)]


@read_only
def tools(request):
    return jsonapi.filtered_page(
        request,
        TOOL_FILTERS,
        _filtered_tools,
        lambda page: _tool_records(request, page),
        extra={"lizenz": opendata.LICENCE["id"]},
    )


@read_only
def tool(request, pk):
    return jsonapi.one(
        opendata.public_tools().filter(pk=pk),
        lambda found: _tool_records(request, found),
        _("Dieses Werkzeug gibt es nicht oder es ist nicht öffentlich."),
    )


@read_only
def visions(request):
    if request.GET:
        return jsonapi.error(jsonapi.INVALID, sorted(request.GET)[0])
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
    return jsonapi.json_response(
        {"anzahl": len(result), "lizenz": opendata.LICENCE["id"], "ergebnisse": result}
    )


# --- Werkstattpläne -----------------------------------------------------------------------


def _plans(request, values):
    """Live plans the request may open, filtered; rows and their live linked tools prefetched."""
    plans = viewable(WorkshopPlanPage.objects.live(), request).order_by("path")
    if values.get("handlungsfeld"):
        plans = plans.filter(rows__action_field__slug=values["handlungsfeld"]).distinct()
    if values.get("region"):
        plans = plans.filter(region__code__startswith=values["region"])
    if values.get("jahr"):
        year = int(values["jahr"])
        plans = plans.filter(start_year__lte=year, end_year__gte=year)
    links = PlanRowTool.objects.filter(tool__live=True).select_related("tool")
    rows = PlanRow.objects.select_related("action_field").prefetch_related(
        Prefetch("tool_links", links)
    )
    return plans.select_related("region", "catalogue").prefetch_related(Prefetch("rows", rows))


def _page_link(page, request):
    return {
        "id": page.pk,
        "titel": page.title,
        "url": absolute_url(request, page.get_url(request)),
    }


def plan_records(plans, request):
    """Plans as JSON; linked tools and the catalogue only where the request may open them.

    The row's „Ansprechperson“ is left out: a name is personal data (see the open data)."""
    linked = [
        link.tool for plan in plans for row in plan.rows.all() for link in row.tool_links.all()
    ]
    catalogues = [plan.catalogue for plan in plans if plan.catalogue_id]
    allowed = {page.pk for page in viewable(linked + catalogues, request)}
    records = []
    for plan in plans:
        url = plan.get_url(request)
        records.append(
            {
                "id": plan.pk,
                "titel": plan.title,
                "url": absolute_url(request, url),
                "region": plan.region.record() if plan.region_id else None,
                "einleitung_html": expand_db_html(plan.intro),
                "erstes_jahr": plan.start_year,
                "letztes_jahr": plan.end_year,
                "katalog": _page_link(plan.catalogue, request)
                if plan.catalogue_id and plan.catalogue_id in allowed
                else None,
                "downloads": {
                    name: absolute_url(request, url + plan.reverse_subpage(route))
                    for name, route in (("csv", "plan_csv"), ("xlsx", "plan_xlsx"))
                },
                "zeilen": [
                    {
                        "titel": row.title,
                        "handlungsfeld": {
                            "slug": row.action_field.slug,
                            "name": row.action_field.name,
                        }
                        if row.action_field_id
                        else None,
                        "beschreibung": row.description,
                        "werkzeuge": [
                            _page_link(link.tool, request)
                            for link in row.tool_links.all()
                            if link.tool_id in allowed
                        ],
                        "weitere_schritte": row.tool_list,
                        "umsetzungsort": row.place,
                        "beteiligte": row.participants,
                        "jahre": row.year_list,
                    }
                    for row in plan.rows.all()
                ],
                "zuletzt_geaendert": plan.last_published_at.isoformat()
                if plan.last_published_at
                else None,
            }
        )
    return records


@read_only
@private
def plans(request):
    return jsonapi.filtered_page(
        request,
        PLAN_FILTERS,
        lambda values: _plans(request, values),
        lambda page: plan_records(page, request),
    )


@read_only
@private
def plan(request, pk):
    return jsonapi.one(
        _plans(request, {}).filter(pk=pk),
        lambda found: plan_records(found, request),
        _("Diesen Werkstattplan gibt es nicht oder Sie dürfen ihn nicht sehen."),
    )


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
        "region": jsonapi.REGION_SCHEMA,
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


def openapi_paths():
    """The catalogue's endpoints for /api/v1/schema/ (no database access)."""
    page = jsonapi.page_schema(TOOL_SCHEMA, lizenz=_string(const=opendata.LICENCE["id"]))
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
    plan = {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "id",
            "titel",
            "url",
            "region",
            "einleitung_html",
            "erstes_jahr",
            "letztes_jahr",
            "katalog",
            "downloads",
            "zeilen",
            "zuletzt_geaendert",
        ],
        "properties": {
            "id": {"type": "integer"},
            "titel": _string(),
            "url": _string(format="uri"),
            "region": jsonapi.REGION_SCHEMA,
            "einleitung_html": _string(description="Rich Text (HTML)"),
            "erstes_jahr": {"type": "integer"},
            "letztes_jahr": {"type": "integer"},
            "katalog": {
                "anyOf": [jsonapi.LINKS_SCHEMA["items"], {"type": "null"}],
                "description": "zugehöriger Werkzeugkatalog, wenn die Anfragende ihn öffnen darf",
            },
            "downloads": {
                "type": "object",
                "required": ["csv", "xlsx"],
                "properties": {"csv": _string(), "xlsx": _string()},
            },
            "zeilen": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "titel",
                        "handlungsfeld",
                        "beschreibung",
                        "werkzeuge",
                        "weitere_schritte",
                        "umsetzungsort",
                        "beteiligte",
                        "jahre",
                    ],
                    "properties": {
                        "titel": _string(),
                        "handlungsfeld": {
                            "type": ["object", "null"],
                            "required": ["slug", "name"],
                            "properties": {"slug": _string(), "name": _string()},
                        },
                        "beschreibung": _string(),
                        "werkzeuge": jsonapi.LINKS_SCHEMA,
                        "weitere_schritte": {"type": "array", "items": _string()},
                        "umsetzungsort": _string(),
                        "beteiligte": _string(),
                        "jahre": {"type": "array", "items": {"type": "integer"}},
                    },
                },
            },
            "zuletzt_geaendert": {"type": ["string", "null"], "format": "date-time"},
        },
    }
    return {
        "/api/v1/werkzeuge/": {
            "get": {
                "summary": "Öffentliche Werkzeuge aller Kataloge (offene Daten, dl-de/by-2-0)",
                "operationId": "tools",
                "parameters": [*TOOL_FILTERS, jsonapi.page_parameter(what="Werkzeugen")],
                "responses": {
                    "200": jsonapi.answer("Eine Seite Werkzeuge", page),
                    "400": jsonapi.error_answer("Unbekannter Parameter oder ungültiger Wert"),
                },
            }
        },
        "/api/v1/werkzeuge/{id}/": {
            "get": {
                "summary": "Ein öffentliches Werkzeug",
                "operationId": "tool",
                "parameters": [jsonapi.ID_PARAMETER],
                "responses": {
                    "200": jsonapi.answer("Das Werkzeug", TOOL_SCHEMA),
                    "404": jsonapi.error_answer("Nicht vorhanden oder nicht öffentlich"),
                },
            }
        },
        "/api/v1/zukunftsbilder/": {
            "get": {
                "summary": "Zukunftsbilder der öffentlichen Kataloge",
                "operationId": "visions",
                "responses": {
                    "200": jsonapi.answer(
                        "Alle Zukunftsbilder",
                        {
                            "type": "object",
                            "required": ["anzahl", "lizenz", "ergebnisse"],
                            "properties": {
                                "anzahl": {"type": "integer"},
                                "lizenz": _string(const=opendata.LICENCE["id"]),
                                "ergebnisse": {"type": "array", "items": vision},
                            },
                        },
                    ),
                    "400": jsonapi.error_answer("Diese Adresse kennt keine Parameter"),
                },
            }
        },
        **jsonapi.list_and_detail(
            "/api/v1/werkstattplaene/",
            "plans",
            "Werkstattpläne",
            plan,
            PLAN_FILTERS,
            who=" (öffentliche; angemeldete Mitglieder auch die für Mitglieder)",
        ),
    }
