"""Every catalogue factory builds a valid object (rca's smoke test habit), with or without a parent."""

import pytest

from catalogue import factories

pytestmark = pytest.mark.django_db


def test_factories_build(site_tree):
    section = factories.CatalogueSectionPageFactory(parent=site_tree)
    catalogue = factories.CatalogueIndexPageFactory(parent=section)
    tool = factories.ToolPageFactory(parent=catalogue)
    vision = factories.FutureVisionFactory(catalogue=catalogue)
    plan = factories.WorkshopPlanPageFactory(parent=section)
    row = factories.PlanRowFactory(plan=plan)
    assert tool.get_parent().pk == catalogue.pk and tool.primary_action_field.slug == "bildung"
    assert vision.catalogue == catalogue
    assert row.year_list == [2017, 2018] and row.tool_list == ["Wohnlotsen", "Infomaterial"]
    for page in (section, catalogue, tool, plan):
        page.full_clean()


def test_factories_find_their_own_parents(site_tree):
    tool = factories.ToolPageFactory()
    other = factories.ToolPageFactory()
    assert tool.get_parent().pk == other.get_parent().pk
    assert tool.url.startswith("/werkzeuge/werkzeugkatalog-fabrik/")
    assert (
        factories.WorkshopPlanPageFactory().get_parent().specific_class.__name__
        == "CatalogueSectionPage"
    )


def test_module_exposes_only_factories():
    """Helpers (e.g. the search tests) scan this module for factories by their model."""
    from django.db.models import Model

    classes = [v for v in vars(factories).values() if isinstance(v, type) and issubclass(v, Model)]
    assert classes == []
