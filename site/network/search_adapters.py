"""How the directory is indexed: persons by their effective visibility, never their e-mail or phone."""

from django.utils.html import strip_tags

from search.contract import MEMBERS, PUBLIC
from search.registry import Adapter, IndexDocument, register

from .models import Body, Municipality, Organisation, Person, Visibility


def _region_codes(municipality):
    return [municipality.region.code] if municipality and municipality.region_id else []


def _join(*parts):
    return " · ".join(str(p) for p in parts if p)


class PersonAdapter(Adapter):
    model = Person

    def get_queryset(self):
        return Person.objects.select_related(
            "organisation", "municipality__region"
        ).prefetch_related("action_fields")

    def to_document(self, obj):
        effective = obj.effective_visibility
        if effective == Visibility.HIDDEN:
            return None
        municipality = obj.municipality or (
            obj.organisation.municipality if obj.organisation else None
        )
        summary = _join(
            obj.function, obj.organisation.name if obj.organisation else "", municipality
        )
        return IndexDocument(
            kind="kontakt",
            title=obj.name,
            url=obj.get_absolute_url(),
            summary=summary,
            body=summary,
            visibility=PUBLIC if effective == Visibility.PUBLIC else MEMBERS,
            facets={
                "handlungsfeld": [f.slug for f in obj.action_fields.all()],
                "region": _region_codes(municipality),
            },
        )


class OrganisationAdapter(Adapter):
    model = Organisation

    def get_queryset(self):
        return Organisation.objects.select_related("municipality__region")

    def to_document(self, obj):
        summary = _join(obj.get_kind_display(), obj.municipality)
        return IndexDocument(
            kind="organisation",
            title=obj.name,
            url=obj.get_absolute_url(),
            summary=summary,
            body=_join(summary, obj.description),
            facets={"region": _region_codes(obj.municipality)},
        )


class BodyAdapter(Adapter):
    model = Body

    def get_queryset(self):
        return Body.objects.select_related("municipality__region").prefetch_related("action_fields")

    def to_document(self, obj):
        return IndexDocument(
            kind="gremium",
            title=obj.name,
            url=obj.get_absolute_url(),
            summary=_join(obj.get_kind_display(), obj.municipality),
            body=obj.purpose,
            facets={
                "handlungsfeld": [f.slug for f in obj.action_fields.all()],
                "region": _region_codes(obj.municipality),
            },
        )


class MunicipalityAdapter(Adapter):
    model = Municipality

    def get_queryset(self):
        return Municipality.objects.select_related("region")

    def to_document(self, obj):
        return IndexDocument(
            kind="kommune",
            title=obj.name,
            url=obj.get_absolute_url(),
            summary=obj.summary or obj.get_kind_display(),
            body=_join(obj.summary, strip_tags(obj.profile)),
            facets={"region": _region_codes(obj)},
        )


def register_all():
    for adapter in (PersonAdapter(), OrganisationAdapter(), BodyAdapter(), MunicipalityAdapter()):
        register(adapter)
