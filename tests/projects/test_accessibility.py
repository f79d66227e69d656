"""axe-core (WCAG 2.1 A/AA) in headless Chromium on the section, project, report and data report pages."""

import datetime

import pytest

from network.factories import PersonFactory
from projects.factories import (
    ProjectPageFactory,
    ProjectPhaseFactory,
    ReportPageFactory,
    WorkingGroupFactory,
)
from projects.models import ProjectContact, Status
from taxonomy.models import ActionField

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def project(section):
    page = ProjectPageFactory(
        title="Soziale Kupferstadt 2030",
        good_practice=True,
        period_start=datetime.date(2015, 1, 1),
        participation_formats=["befragung-online", "workshop"],
        results="<p>Sieben Arbeitsgruppen.</p>",
    )
    page.action_fields.add(ActionField.objects.get(slug="bildung"))
    page.tags.add("Sozialplanung")
    for number, status in enumerate([Status.FINISHED, Status.RUNNING, Status.PLANNED]):
        ProjectPhaseFactory(
            page=page,
            sort_order=number,
            status=status,
            start=datetime.date(2016, number + 1, 1),
            description="<p>Beschreibung der Phase.</p>",
        )
    WorkingGroupFactory(page=page, action_field=ActionField.objects.get(slug="bildung"))
    ProjectContact.objects.create(page=page, person=PersonFactory(), role="Leitung")
    ProjectContact.objects.create(page=page, person=None, role="Moderation")
    page.save_revision().publish()
    return page


def test_section_page(project, assert_accessible):
    assert_accessible("/projekte/")
    assert_accessible("/projekte/?art=projekt&status=laufend")


def test_project_page_timeline(project, assert_accessible):
    browser_page = assert_accessible(project.url)
    items = browser_page.page.locator("ol.timeline > li")
    assert items.count() == 3


def test_report_page(section, assert_accessible):
    report = ReportPageFactory(title="Sozialbericht 2016", key_findings="<ul><li>Befund</li></ul>")
    browser_page = assert_accessible(report.url)
    assert browser_page.page.locator("a[download]").first.inner_text() == report.report_file.title


def test_data_report_page_with_charts(data_report, assert_accessible):
    browser_page = assert_accessible(data_report.url)
    assert browser_page.page.locator("svg[role=img]").count() == 3
    assert_accessible(data_report.url + "?sortierung=anzahl-80-plus&richtung=ab")


def test_tool_page_listing_the_projects_that_used_it(project, assert_accessible):
    from catalogue.factories import ToolPageFactory
    from projects.models import ProjectTool

    tool = ToolPageFactory(title="Sozialraumkonferenz")
    ProjectTool.objects.create(page=project, tool=tool)
    project.save_revision().publish()
    browser_page = assert_accessible(tool.url)
    uses = browser_page.page.locator(".uses li")
    assert uses.count() == 1
    assert "Soziale Kupferstadt 2030" in uses.first.inner_text()
