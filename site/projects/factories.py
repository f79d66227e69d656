"""factory_boy factories for the projects app (tests and quick experiments).

Pages need a parent: pass `parent=` or let them use the section page below the home page.
"""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model

from .datareports.storage import root_collection
from .models import (
    DataReportPage,
    ProjectIndexPage,
    ProjectPage,
    ProjectPhase,
    ReportKind,
    ReportPage,
    Status,
    WorkingGroup,
)
from .pdf import minimal_pdf


def section_page():
    """The /projekte/ section page, created below the home page when missing."""
    from werkstatt.demo import get_home

    existing = ProjectIndexPage.objects.first()
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
        model = ProjectIndexPage

    title = "Projekte und Berichte"
    slug = "projekte"
    intro = "Fallbeispiele, Berichte und Datenberichte aus den Kommunen."


class ProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectPage

    parent = factory.LazyFunction(section_page)
    title = factory.Sequence(lambda n: f"Projekt {n}")
    summary = "Ein Beteiligungsprozess zur sozialen Stadtentwicklung."
    status = Status.RUNNING


class ProjectPhaseFactory(DjangoModelFactory):
    class Meta:
        model = ProjectPhase

    page = factory.SubFactory(ProjectPageFactory)
    title = factory.Sequence(lambda n: f"Phase {n}")
    status = Status.PLANNED


class WorkingGroupFactory(DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    page = factory.SubFactory(ProjectPageFactory)
    name = factory.Sequence(lambda n: f"AG {n}")
    description = "Trifft sich monatlich."


class ReportPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReportPage

    parent = factory.LazyFunction(section_page)
    title = factory.Sequence(lambda n: f"Bericht {n}")
    kind = ReportKind.SOCIAL
    year = 2020
    summary = "Die wichtigsten Befunde in Kürze."
    report_file = factory.SubFactory(DocumentFactory)


class DataReportPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DataReportPage

    parent = factory.LazyFunction(section_page)
    title = factory.Sequence(lambda n: f"Datenbericht {n}")
    summary = "Kleinräumige Daten."
    source = "Einwohnermeldeamt"
    data = factory.LazyFunction(dict)
