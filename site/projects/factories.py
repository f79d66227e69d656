"""factory_boy factories for the projects app (tests and quick experiments).

Pages need a parent: pass `parent=` or let them use the section page below the home page.
"""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model

from . import models  # module, not classes: helpers that scan this module find only factories
from .datareports.storage import root_collection
from .pdf import minimal_pdf


def section_page():
    """The /projekte/ section page, created below the home page when missing."""
    from werkstatt.demo import get_home

    existing = models.ProjectIndexPage.objects.first()
    if existing:
        return existing
    return ProjectIndexPageFactory(parent=get_home())


class DocumentFactory(DjangoModelFactory):
    """A Wagtail document holding a small valid PDF, in the root collection."""

    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Bericht {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.LazyAttribute(
        lambda o: ContentFile(minimal_pdf(o.title, ["Platzhalter"]), name="bericht.pdf")
    )


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ProjectIndexPage

    title = "Projekte und Berichte"
    slug = "projekte"
    intro = "Fallbeispiele, Berichte und Datenberichte aus den Kommunen."


class ProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ProjectPage

    parent = factory.LazyFunction(section_page)
    title = factory.Sequence(lambda n: f"Projekt {n}")
    summary = "Ein Beteiligungsprozess zur sozialen Stadtentwicklung."
    status = models.Status.RUNNING


class ProjectPhaseFactory(DjangoModelFactory):
    class Meta:
        model = models.ProjectPhase

    page = factory.SubFactory(ProjectPageFactory)
    title = factory.Sequence(lambda n: f"Phase {n}")
    status = models.Status.PLANNED


class WorkingGroupFactory(DjangoModelFactory):
    class Meta:
        model = models.WorkingGroup

    page = factory.SubFactory(ProjectPageFactory)
    name = factory.Sequence(lambda n: f"AG {n}")
    description = "Trifft sich monatlich."


class ReportPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ReportPage

    parent = factory.LazyFunction(section_page)
    title = factory.Sequence(lambda n: f"Bericht {n}")
    kind = models.ReportKind.SOCIAL
    year = 2020
    summary = "Die wichtigsten Befunde in Kürze."
    report_file = factory.SubFactory(DocumentFactory)


class DataReportPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.DataReportPage

    parent = factory.LazyFunction(section_page)
    title = factory.Sequence(lambda n: f"Datenbericht {n}")
    summary = "Kleinräumige Daten."
    source = "Einwohnermeldeamt"
    data = factory.LazyFunction(dict)
