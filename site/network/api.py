"""Read-only JSON of the directory: the same filters and the same visibility rules as the pages.

Key concepts: the answers, paging, filter checks and error format are `werkstatt.jsonapi`'s, as
for every read API (`{"fehler", "parameter"}` with a German message); a filter value passes
exactly when the OpenAPI description (`FILTERS`) allows it. A slug or region key of the right
form that names nothing finds nothing (the HTML form's choice lists would refuse it; a schema
cannot know them).
"""

from django.utils.translation import gettext as _

from werkstatt import jsonapi
from werkstatt.readonly import read_only
from werkstatt.siteaddress import absolute_url

from . import directory
from .models import Body, BodyKind, Municipality, Organisation, OrganisationKind, Person
from .views import private

FILTERS = [
    jsonapi.query(
        "q",
        {
            "type": "string",
            "maxLength": directory.MAX_QUERY_LENGTH,
            "pattern": f"^[^\\u0000]{{0,{directory.MAX_QUERY_LENGTH}}}$",
        },
        "Name (Teilwort); Leerzeichen am Rand zählen nicht",
    ),
    jsonapi.slug_filter("handlungsfeld", "eines Handlungsfelds"),
    jsonapi.region_filter(),
]
ORGANISATION_FILTERS = [*FILTERS, jsonapi.choice_filter("art", OrganisationKind.values, "Art")]
BODY_FILTERS = [*FILTERS, jsonapi.choice_filter("art", BodyKind.values, "Art")]


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
        "url": absolute_url(request, person.get_absolute_url()),
        "vcard": absolute_url(request, person.get_vcard_url()),
    }


def _directory(request, filters, queryset, select, serialise):
    """One page of `select(queryset, filter values)`, each object as `serialise` says."""
    return jsonapi.filtered_page(
        request,
        filters,
        lambda values: select(queryset, {**values, "q": values["q"].strip()}),
        lambda objects: [serialise(obj, request) for obj in objects],
    )


@read_only
@private
def contacts(request):
    people = (
        Person.objects.visible_to(request.user)
        .select_related("organisation", "municipality")
        .prefetch_related("action_fields")
        .order_by("name", "pk")
    )
    return _directory(request, FILTERS, people, directory.filter_people, _person_data)


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
        "url": absolute_url(request, municipality.get_absolute_url()),
    }


@read_only
@private
def municipalities(request):
    return _directory(
        request,
        FILTERS,
        Municipality.objects.select_related("region").order_by("name", "pk"),
        directory.filter_municipalities,
        _municipality_data,
    )


def _organisation_data(organisation, request):
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "art": organisation.kind,
        "art_name": organisation.get_kind_display(),
        "kommune": organisation.municipality.name if organisation.municipality else None,
        "website": organisation.website or None,
        "beschreibung": organisation.description,
        "url": absolute_url(request, organisation.get_absolute_url()),
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
        "url": absolute_url(request, body.get_absolute_url()),
    }


@read_only
@private
def organisations(request):
    return _directory(
        request,
        ORGANISATION_FILTERS,
        Organisation.objects.select_related("municipality").order_by("name", "pk"),
        directory.filter_organisations,
        _organisation_data,
    )


@read_only
@private
def bodies(request):
    return _directory(
        request,
        BODY_FILTERS,
        Body.objects.select_related("municipality", "organisation")
        .prefetch_related("action_fields")
        .order_by("name", "pk"),
        directory.filter_bodies,
        _body_data,
    )


# --- OpenAPI (added to /api/v1/schema/ through the hook search.openapi.PATHS_HOOK) --------


def openapi_paths():
    """The directory endpoints as `_directory` and `jsonapi.one` really answer."""
    text = {"type": "string"}
    nullable = {"type": ["string", "null"]}
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
            "ags": {"type": "string", "pattern": f"^{jsonapi.REGION}$"},
            "einwohner": {"type": ["integer", "null"]},
            "einwohner_jahr": {"type": ["integer", "null"]},
            "website": nullable,
            "url": text,
        },
    }

    def with_kind(kinds, **properties):
        """An organisation or a body: its kind and municipality, then its own fields."""
        return {
            "type": "object",
            "required": ["id", "name", "art", "url"],
            "properties": {
                "id": {"type": "integer"},
                "name": text,
                "art": {"type": "string", "enum": list(kinds)},
                "art_name": text,
                "kommune": nullable,
                **properties,
                "url": text,
            },
        }

    organisation = with_kind(OrganisationKind.values, website=nullable, beschreibung=text)
    body = with_kind(
        BodyKind.values,
        zweck=text,
        organisation=nullable,
        handlungsfelder={"type": "array", "items": text},
    )
    who = " (öffentliche Kontakte; angemeldete Mitglieder auch die für Mitglieder)"
    return {
        **jsonapi.list_and_detail(
            "/api/v1/netzwerk/kontakte/", "contact", "Ansprechpersonen", person, FILTERS, who=who
        ),
        **jsonapi.list_path(
            "/api/v1/netzwerk/organisationen/",
            "organisations",
            "Organisationen",
            organisation,
            ORGANISATION_FILTERS,
        ),
        **jsonapi.list_path(
            "/api/v1/netzwerk/gremien/",
            "bodies",
            "Gremien (Beiräte, Arbeitsgruppen, ...)",
            body,
            BODY_FILTERS,
        ),
        **jsonapi.list_path(
            "/api/v1/netzwerk/kommunen/",
            "municipalities",
            "Kommunen mit Profil",
            municipality,
            FILTERS,
        ),
    }
