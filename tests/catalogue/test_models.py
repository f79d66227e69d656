"""Page tree rules, year parsing, vision validation, derived values."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from catalogue.models import (
    CatalogueIndexPage,
    CatalogueSectionPage,
    ToolPage,
    WorkshopPlanPage,
)
from catalogue.models.tool import format_years, parse_years
from werkstatt.models import HomePage, StandardPage


class TestPageTree(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertCanCreateAt(HomePage, CatalogueSectionPage)
        self.assertCanCreateAt(CatalogueSectionPage, CatalogueIndexPage)
        self.assertCanCreateAt(CatalogueSectionPage, WorkshopPlanPage)
        self.assertCanCreateAt(CatalogueIndexPage, ToolPage)
        self.assertCanNotCreateAt(HomePage, ToolPage)
        self.assertCanNotCreateAt(HomePage, CatalogueIndexPage)
        self.assertCanNotCreateAt(CatalogueSectionPage, ToolPage)
        self.assertCanNotCreateAt(StandardPage, CatalogueIndexPage)
        self.assertCanNotCreateAt(ToolPage, ToolPage)
        self.assertCanNotCreateAt(CatalogueIndexPage, WorkshopPlanPage)
        self.assertCanNotCreateAt(Page, CatalogueSectionPage)
        self.assertAllowedSubpageTypes(ToolPage, set())
        self.assertAllowedParentPageTypes(ToolPage, {CatalogueIndexPage})


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2017;2018", [2017, 2018]),
        ("2017-2020", [2017, 2018, 2019, 2020]),
        ("2017 – 2019", [2017, 2018, 2019]),
        ("2019, 2017; 2019", [2017, 2019]),
        ("2017.0", [2017]),
        ("", []),
    ],
)
def test_parse_years(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["bald", "2020-2010", "17", "2017-2099", "3000"])
def test_parse_years_rejects(text):
    with pytest.raises(ValueError):
        parse_years(text)


def test_format_years():
    assert format_years([2019, 2017]) == "2017;2019"


@pytest.mark.django_db
def test_tool_clean_normalises_years_and_rejects_nonsense(catalogue):
    from catalogue.factories import ToolPageFactory

    tool = ToolPageFactory(parent=catalogue, years="2017 - 2018")
    tool.full_clean()
    assert tool.years == "2017;2018"
    tool.years = "irgendwann"
    with pytest.raises(ValidationError) as info:
        tool.full_clean()
    assert "kein Jahr" in str(info.value)


def test_plan_row_writes_and_reads_its_years_as_a_tool_does():
    from catalogue.models import PlanRow

    row = PlanRow(title="Mobilität", years="2019 – 2021")
    row.clean()
    assert (row.years, row.year_list) == ("2019;2020;2021", [2019, 2020, 2021])
    row.years = "2021-2019"
    with pytest.raises(ValidationError) as info:
        row.clean()
    assert "Ungültiger Zeitraum" in str(info.value)
    assert row.year_list == []  # unreadable until corrected


@pytest.mark.django_db
def test_year_list_includes_tool_sheet_years_and_effective_region(catalogue):
    from catalogue.factories import ToolPageFactory

    tool = ToolPageFactory(
        parent=catalogue,
        years="2018",
        tool_sheets=[
            ("sheet", {"year": 2021, "measures": [{"title": "A", "months": ["1"]}], "remarks": ""})
        ],
    )
    assert tool.year_list == [2018, 2021]
    assert tool.effective_region.code == "05358"  # from the catalogue


@pytest.mark.django_db
def test_second_vision_for_the_same_field_is_a_form_error(client, editor, catalogue):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    from taxonomy.models import ActionField

    field = ActionField.objects.get(slug="bildung").pk
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": catalogue.title,
            "slug": catalogue.slug,
            "intro": rich_text(""),
            "visions": inline_formset(
                [
                    {"action_field": field, "text": rich_text("<p>Eins</p>"), "image_alt": ""},
                    {"action_field": field, "text": rich_text("<p>Zwei</p>"), "image_alt": ""},
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[catalogue.pk]), data)
    assert response.status_code == 200
    assert "Für dieses Handlungsfeld gibt es schon ein Zukunftsbild." in response.content.decode()
    assert catalogue.visions.count() == 0


@pytest.mark.django_db
def test_plan_rejects_reversed_years(section):
    plan = WorkshopPlanPage(title="Plan", slug="plan", start_year=2020, end_year=2017)
    with pytest.raises(ValidationError):
        section.add_child(instance=plan)
