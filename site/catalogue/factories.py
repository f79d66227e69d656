"""factory_boy factories for catalogue pages.

Pages need a parent: pass `parent=` or let them use the /werkzeuge/ section (and a default
catalogue below it) that are created below the home page when missing.
"""

import factory
import wagtail_factories

from taxonomy import models as taxonomy

from . import models  # module, not classes: helpers that scan this module find only factories


def section_page():
    """The /werkzeuge/ section page, created below the home page when missing."""
    from werkstatt.demo import get_home

    existing = models.CatalogueSectionPage.objects.first()
    if existing:
        return existing
    return CatalogueSectionPageFactory(parent=get_home())


def default_catalogue():
    existing = models.CatalogueIndexPage.objects.filter(slug="werkzeugkatalog-fabrik").first()
    if existing:
        return existing
    return CatalogueIndexPageFactory(parent=section_page(), slug="werkzeugkatalog-fabrik")


class CatalogueSectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.CatalogueSectionPage

    title = "Werkzeuge"
    slug = "werkzeuge"


class CatalogueIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.CatalogueIndexPage

    parent = factory.LazyFunction(section_page)
    title = factory.Sequence(lambda n: f"Werkzeugkatalog {n}")
    slug = factory.Sequence(lambda n: f"werkzeugkatalog-{n}")
    owner_region = factory.LazyFunction(lambda: taxonomy.Region.objects.get(code="05358"))
    intro = "<p>Werkzeuge aus der Zukunftswerkstatt.</p>"


class ToolPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ToolPage

    parent = factory.LazyFunction(default_catalogue)
    title = factory.Sequence(lambda n: f"Werkzeug {n}")
    slug = factory.Sequence(lambda n: f"werkzeug-{n}")
    status = models.ToolStatus.EXISTING
    primary_action_field = factory.LazyFunction(
        lambda: taxonomy.ActionField.objects.get(slug="bildung")
    )
    summary = "Eine kurze Beschreibung."
    years = "2018;2019"


class FutureVisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.FutureVision

    catalogue = factory.LazyFunction(default_catalogue)
    action_field = factory.LazyFunction(lambda: taxonomy.ActionField.objects.get(slug="bildung"))
    text = "<p>Lernen hört nie auf.</p>"


class WorkshopPlanPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.WorkshopPlanPage

    parent = factory.LazyFunction(section_page)
    title = factory.Sequence(lambda n: f"Werkstattplan {n}")
    slug = factory.Sequence(lambda n: f"werkstattplan-{n}")
    start_year = 2017
    end_year = 2020


class PlanRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PlanRow

    plan = factory.SubFactory(WorkshopPlanPageFactory)
    title = "Wohnen"
    description = "Die Wohnberatung soll besser werden."
    tools = "Wohnlotsen\nInfomaterial"
    years = "2017-2018"
