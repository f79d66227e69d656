"""Read-only JSON of the directory: the same filters and the same visibility rules as the pages."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.utils.translation import gettext as _

from werkstatt.readonly import read_only

from . import directory
from .models import Municipality, Person
from .views import page_number, private

API_PAGE_SIZE = 50


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


def _bad_request(form):
    errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
    return JsonResponse(
        {"fehler": _("Ungültige Filter."), "details": errors},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


def _page(request, queryset, serialise):
    number, error = page_number(request)
    if error:
        return JsonResponse(
            {"fehler": error, "details": {"seite": [error]}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    paginator = Paginator(queryset, API_PAGE_SIZE)
    page = paginator.get_page(number)
    return JsonResponse(
        {
            "anzahl": paginator.count,
            "seite": page.number,
            "seiten": paginator.num_pages,
            "ergebnisse": [serialise(obj, request) for obj in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@read_only
@private
def contacts(request):
    form = directory.DirectoryForm(request.GET or None)
    if request.GET and not form.is_valid():
        return _bad_request(form)
    queryset = (
        Person.objects.visible_to(request.user)
        .select_related("organisation", "municipality")
        .order_by("name", "pk")
    )
    if form.is_bound:
        queryset = directory.filter_people(queryset, form.cleaned_data)
    return _page(request, queryset.prefetch_related("action_fields"), _person_data)


@read_only
@private
def contact(request, pk):
    person = Person.objects.visible_to(request.user).filter(pk=pk).first()
    if person is None:
        return JsonResponse(
            {"fehler": _("Nicht gefunden.")}, status=404, json_dumps_params={"ensure_ascii": False}
        )
    return JsonResponse(_person_data(person, request), json_dumps_params={"ensure_ascii": False})


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
    form = directory.DirectoryForm(request.GET or None)
    if request.GET and not form.is_valid():
        return _bad_request(form)
    queryset = Municipality.objects.select_related("region").order_by("name", "pk")
    if form.is_bound:
        queryset = directory.filter_municipalities(queryset, form.cleaned_data)
    return _page(request, queryset, _municipality_data)
