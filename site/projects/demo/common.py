"""Helpers of the projects demo: get-or-create regions, PDFs, pages and contacts by stable keys."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from taxonomy.models import ActionField, Region, TargetGroup

from ..datareports.storage import root_collection
from ..pdf import minimal_pdf


def fields_for(*slugs):
    return list(ActionField.objects.filter(slug__in=slugs))


def groups_for(*slugs):
    return list(TargetGroup.objects.filter(slug__in=slugs))


def ensure_pdf(title, lines):
    """A placeholder PDF document, found again by its title."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title, collection=root_collection())
    name = "".join(c if c.isalnum() else "-" for c in title.lower())[:60].strip("-") + ".pdf"
    document.file.save(name, ContentFile(minimal_pdf(title, lines)), save=False)
    document.save()
    return document


def ensure_person(email, name, function, region_code, municipality_name, visibility="public"):
    """A fictional contact: the network demo's person with this e-mail, or a new one like it."""
    from network.models import Municipality, Person

    municipality = Municipality.objects.filter(region__code=region_code).first()
    if municipality is None:
        municipality = Municipality.objects.create(
            name=municipality_name, region=Region.objects.get(code=region_code), kind="stadt"
        )
    consent = visibility != "hidden"
    person, _created = Person.objects.get_or_create(
        email=email,
        defaults={
            "name": name,
            "function": function,
            "municipality": municipality,
            "visibility": visibility,
            "consent_given": consent,
            "consent_date": datetime.date(2024, 5, 2) if consent else None,
            "consent_method": "Demo-Inhalt (erfundene Person)" if consent else "",
            "source": "Demo-Inhalte",
        },
    )
    return person


def network_body(region_code, name_prefix):
    """The network's body for a working group (the network demo creates Stolberg's AG 1–7)."""
    from network.models import Body

    return Body.objects.filter(
        municipality__region__code=region_code, name__startswith=name_prefix
    ).first()


def tool_links(model, *titles):
    """Links to catalogue tools by title (the catalogue demo creates Kreis Düren's tools)."""
    from catalogue.models import ToolPage

    tools = [ToolPage.objects.filter(title=title).first() for title in titles]
    return [model(tool=tool, sort_order=i) for i, tool in enumerate(t for t in tools if t)]


def d(year, month, day=1):
    return datetime.date(year, month, day)
