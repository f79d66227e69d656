"""Read-only JSON of the directory: the same filters and the same visibility rules as the pages."""

import re

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from werkstatt import jsonapi
from werkstatt.numbers import MAX_ID, NumberError
from werkstatt.readonly import read_only

from . import directory
from .models import Body, BodyKind, Municipality, Organisation, OrganisationKind, Person
from .views import MAX_PAGE, private

API_PAGE_SIZE = 50
QUERY = re.compile(rf"[^\x00]{{0,{directory.MAX_QUERY_LENGTH}}}")
SLUG = re.compile(r"[a-z0-9-]{1,120}")
REGION = re.compile(r"[0-9]{2,12}")
FILTERS = (
    (
        "q",
        QUERY,
        _lazy("Der Suchbegriff ist zu lang (höchstens 200 Zeichen) oder enthält ein Nullzeichen."),
    ),
    ("handlungsfeld", SLUG, _lazy("„%(value)s“ ist hier keine gültige Auswahl.")),
    ("region", REGION, _lazy("„%(value)s“ ist hier keine gültige Auswahl.")),
)


def _person_data(person, request):
    """Only called for persons the viewer may see (the queryset is already `visible_to`)."""
    return {
        "id": person.pk,
        "name": person.name,
        "funktion": person.function,
        "organisation": person.organisation.name if person.organisation else None,
        "kommune": person.municipality.name if person.municipality else None,
        "handlungsfelder": [f.slug for f in person.action_fields.all()],
        "email": person.email or None,
        "telefon": person.phone or None,
        "url": request.build_absolute_uri(person.get_absolute_url()),
        "vcard": request.build_absolute_uri(person.get_vcard_url()),
    }


def _bad_request(errors):
    return JsonResponse(
        {"fehler": _("Ungültige Filter."), "details": errors},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


def api_filters(request):
    """(filter data, error response): the directory's filters, checked exactly as the OpenAPI
    description says. A slug or region key of the right form that names nothing finds nothing
    (the HTML form's choice lists would refuse it; a schema cannot know them)."""
    data, errors = {}, {}
    for name, pattern, message in FILTERS:
        value = request.GET.get(name, "")
        if name in request.GET and not pattern.fullmatch(value):  # empty too, as in the schema
            errors[name] = [str(message) % {"value": value}]
        data[name] = value.strip() if name == "q" else value
    return data, (_bad_request(errors) if errors else None)


def _page(request, queryset, serialise):
    try:
        return jsonapi.page_of(
            request,
            queryset,
            lambda objects: [serialise(obj, request) for obj in objects],
            API_PAGE_SIZE,
            MAX_PAGE,
        )
    except NumberError as error:
        return JsonResponse(
            {"fehler": error.message, "details": {"seite": [error.message]}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )


@read_only
@private
def contacts(request):
    data, error = api_filters(request)
    if error:
        return error
    queryset = (
        Person.objects.visible_to(request.user)
        .select_related("organisation", "municipality")
        .order_by("name", "pk")
    )
    queryset = directory.filter_people(queryset, data)
    return _page(request, queryset.prefetch_related("action_fields"), _person_data)


@read_only
@private
def contact(request, pk):
    return jsonapi.one(
        Person.objects.visible_to(request.user).filter(pk=pk),
        lambda people: [_person_data(person, request) for person in people],
        _("Nicht gefunden."),
    )


def _municipality_data(municipality, request):
    return {
        "id": municipality.pk,
        "name": municipality.name,
        "art": municipality.get_kind_display(),
        "ags": municipality.region.code,
        "einwohner": municipality.population,
        "einwohner_jahr": municipality.population_year,
        "website": municipality.website or None,
        "url": request.build_absolute_uri(municipality.get_absolute_url()),
    }


@read_only
@private
def municipalities(request):
    data, error = api_filters(request)
    if error:
        return error
    queryset = Municipality.objects.select_related("region").order_by("name", "pk")
    return _page(request, directory.filter_municipalities(queryset, data), _municipality_data)


def _organisation_data(organisation, request):
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "art": organisation.kind,
        "art_name": organisation.get_kind_display(),
        "kommune": organisation.municipality.name if organisation.municipality else None,
        "website": organisation.website or None,
        "beschreibung": organisation.description,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
    }


def _body_data(body, request):
    return {
        "id": body.pk,
        "name": body.name,
        "art": body.kind,
        "art_name": body.get_kind_display(),
        "zweck": body.purpose,
        "kommune": body.municipality.name if body.municipality else None,
        "organisation": body.organisation.name if body.organisation else None,
        "handlungsfelder": [f.slug for f in body.action_fields.all()],
        "url": request.build_absolute_uri(body.get_absolute_url()),
    }


def _kind(request, choices):
    """The „Art“ filter: one of `choices` (an enum in the schema), else a 400."""
    value = request.GET.get("art", "")
    if "art" in request.GET and value not in dict(choices):
        return None, _bad_request(
            {"art": [_("„%(value)s“ ist hier keine gültige Auswahl.") % {"value": value}]}
        )
    return value, None


@read_only
@private
def organisations(request):
    data, error = api_filters(request)
    data["art"], kind_error = _kind(request, OrganisationKind.choices)
    if error or kind_error:
        return error or kind_error
    queryset = Organisation.objects.select_related("municipality").order_by("name", "pk")
    return _page(request, directory.filter_organisations(queryset, data), _organisation_data)


@read_only
@private
def bodies(request):
    data, error = api_filters(request)
    data["art"], kind_error = _kind(request, BodyKind.choices)
    if error or kind_error:
        return error or kind_error
    queryset = Body.objects.select_related("municipality", "organisation").order_by("name", "pk")
    return _page(
        request,
        directory.filter_bodies(queryset, data).prefetch_related("action_fields"),
        _body_data,
    )


# --- OpenAPI (added to /api/v1/schema/ in NetworkConfig.ready) ------------------------------


def openapi_paths():
    """The directory endpoints as `api_filters` and `_page` really behave."""
    text = {"type": "string"}
    nullable = {"type": ["string", "null"]}

    def query(name, schema, description):
        return {"name": name, "in": "query", "required": False, "schema": schema,
                "description": description}  # fmt: skip

    filters = [
        query(
            "q",
            {"type": "string", "maxLength": directory.MAX_QUERY_LENGTH, "pattern": "^[^\\u0000]*$"},
            "Name (Teilwort); Leerzeichen am Rand zählen nicht",
        ),
        query(
            "handlungsfeld",
            {"type": "string", "pattern": f"^{SLUG.pattern}$"},
            "Kurzname eines Handlungsfelds (ein unbekannter findet nichts)",
        ),
        query(
            "region",
            {"type": "string", "pattern": f"^{REGION.pattern}$"},
            "Amtlicher Schlüssel; auch alles darunter (ein unbekannter findet nichts)",
        ),
        query(
            "seite",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            f"Seite zu je {API_PAGE_SIZE} Einträgen",
        ),
    ]
    person = {
        "type": "object",
        "required": ["id", "name", "url", "vcard"],
        "properties": {
            "id": {"type": "integer"},
            "name": text,
            "funktion": text,
            "organisation": nullable,
            "kommune": nullable,
            "handlungsfelder": {"type": "array", "items": text},
            "email": nullable,
            "telefon": nullable,
            "url": text,
            "vcard": text,
        },
    }
    municipality = {
        "type": "object",
        "required": ["id", "name", "ags", "url"],
        "properties": {
            "id": {"type": "integer"},
            "name": text,
            "art": text,
            "ags": {"type": "string", "pattern": "^[0-9]{2,12}$"},
            "einwohner": {"type": ["integer", "null"]},
            "einwohner_jahr": {"type": ["integer", "null"]},
            "website": nullable,
            "url": text,
        },
    }
    error = {
        "type": "object",
        "required": ["fehler"],
        "properties": {
            "fehler": text,
            "details": {"type": "object", "additionalProperties": {"type": "array", "items": text}},
        },
    }

    def page_of(item):
        return {
            "type": "object",
            "required": ["anzahl", "seite", "seiten", "ergebnisse"],
            "properties": {
                "anzahl": {"type": "integer", "minimum": 0},
                "seite": {"type": "integer", "minimum": 1},
                "seiten": {"type": "integer", "minimum": 1},
                "ergebnisse": {"type": "array", "items": item},
            },
        }

    def answer(description, schema):
        return {"description": description, "content": {"application/json": {"schema": schema}}}

    organisation = {
        "type": "object",
        "required": ["id", "name", "art", "url"],
        "properties": {
            "id": {"type": "integer"},
            "name": text,
            "art": {"type": "string", "enum": list(OrganisationKind.values)},
            "art_name": text,
            "kommune": nullable,
            "website": nullable,
            "beschreibung": text,
            "url": text,
        },
    }
    body = {
        "type": "object",
        "required": ["id", "name", "art", "url"],
        "properties": {
            "id": {"type": "integer"},
            "name": text,
            "art": {"type": "string", "enum": list(BodyKind.values)},
            "art_name": text,
            "zweck": text,
            "kommune": nullable,
            "organisation": nullable,
            "handlungsfelder": {"type": "array", "items": text},
            "url": text,
        },
    }

    def kind(values):
        return query("art", {"type": "string", "enum": list(values)}, "Art")

    bad = answer("Ungültiger Filter oder ungültige Seite", error)
    who = " (öffentliche Kontakte; angemeldete Mitglieder auch die für Mitglieder)"
    return {
        "/api/v1/netzwerk/kontakte/": {
            "get": {
                "summary": "Ansprechpersonen" + who,
                "operationId": "contacts",
                "parameters": filters,
                "responses": {"200": answer("Eine Seite Kontakte", page_of(person)), "400": bad},
            }
        },
        "/api/v1/netzwerk/kontakte/{id}/": {
            "get": {
                "summary": "Eine Ansprechperson" + who,
                "operationId": "contact",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                    }
                ],
                "responses": {
                    "200": answer("Der Kontakt", person),
                    "404": answer("Nicht vorhanden oder nicht sichtbar", error),
                },
            }
        },
        "/api/v1/netzwerk/organisationen/": {
            "get": {
                "summary": "Organisationen",
                "operationId": "organisations",
                "parameters": [*filters, kind(OrganisationKind.values)],
                "responses": {
                    "200": answer("Eine Seite Organisationen", page_of(organisation)),
                    "400": bad,
                },
            }
        },
        "/api/v1/netzwerk/gremien/": {
            "get": {
                "summary": "Gremien (Beiräte, Arbeitsgruppen, ...)",
                "operationId": "bodies",
                "parameters": [*filters, kind(BodyKind.values)],
                "responses": {"200": answer("Eine Seite Gremien", page_of(body)), "400": bad},
            }
        },
        "/api/v1/netzwerk/kommunen/": {
            "get": {
                "summary": "Kommunen mit Profil",
                "operationId": "municipalities",
                "parameters": filters,
                "responses": {
                    "200": answer("Eine Seite Kommunen", page_of(municipality)),
                    "400": bad,
                },
            }
        },
    }
