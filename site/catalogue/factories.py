"""factory_boy factories for catalogue pages; build below a section page created on demand."""

import factory
import wagtail_factories

from taxonomy.models import ActionField, Region

from .models import (
    CatalogueIndexPage,
    CatalogueSectionPage,
    FutureVision,
    PlanRow,
    ToolPage,
    ToolStatus,
    WorkshopPlanPage,
)


class CatalogueSectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CatalogueSectionPage

    title = "Werkzeuge"
    slug = "werkzeuge"


class CatalogueIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CatalogueIndexPage

    title = factory.Sequence(lambda n: f"Werkzeugkatalog {n}")
    slug = factory.Sequence(lambda n: f"werkzeugkatalog-{n}")
    owner_region = factory.LazyFunction(lambda: Region.objects.get(code="05358"))
    intro = "<p>Werkzeuge aus der Zukunftswerkstatt.</p>"


class ToolPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ToolPage

    title = factory.Sequence(lambda n: f"Werkzeug {n}")
    slug = factory.Sequence(lambda n: f"werkzeug-{n}")
    status = ToolStatus.EXISTING
    primary_action_field = factory.LazyFunction(lambda: ActionField.objects.get(slug="bildung"))
    summary = "Eine kurze Beschreibung."
    years = "2018;2019"


class FutureVisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FutureVision

    catalogue = factory.SubFactory(CatalogueIndexPageFactory)
    action_field = factory.LazyFunction(lambda: ActionField.objects.get(slug="bildung"))
    text = "<p>Lernen hört nie auf.</p>"


class WorkshopPlanPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkshopPlanPage

    title = factory.Sequence(lambda n: f"Werkstattplan {n}")
    slug = factory.Sequence(lambda n: f"werkstattplan-{n}")
    start_year = 2017
    end_year = 2020


class PlanRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanRow

    plan = factory.SubFactory(WorkshopPlanPageFactory)
    title = "Wohnen"
    description = "Die Wohnberatung soll besser werden."
    tools = "Wohnlotsen\nInfomaterial"
    years = "2017-2018"
