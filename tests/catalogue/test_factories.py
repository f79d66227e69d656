"""Every catalogue factory builds a valid object (rca's smoke test habit)."""

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
