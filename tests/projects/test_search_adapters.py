"""Search documents of projects and reports: kinds, facets, no drafts."""

import datetime

import pytest

from projects.factories import ProjectPageFactory, ReportPageFactory, WorkingGroupFactory
from projects.search_adapters import ProjectAdapter, ReportAdapter
from search.contract import FACETS, KINDS
from search.registry import adapter_for
from taxonomy.models import ActionField, Region, TargetGroup

pytestmark = pytest.mark.django_db


def test_adapters_are_registered_from_app_ready():
    from projects.models import DataReportPage, ProjectPage, ReportPage

    assert isinstance(adapter_for(ProjectPage), ProjectAdapter)
    assert isinstance(adapter_for(ReportPage), ReportAdapter)
    assert adapter_for(DataReportPage).kind == "datenbericht"


def test_project_document_with_facets(section):
    region = Region.objects.get(code="05358")
    project = ProjectPageFactory(
        title="Soziale Kupferstadt",
        region=region,
        period_start=datetime.date(2015, 1, 1),
        period_end=datetime.date(2016, 12, 31),
        participation_formats=["befragung-offline"],
    )
    project.action_fields.add(ActionField.objects.get(slug="bildung"))
    project.target_groups.add(TargetGroup.objects.get(slug="familien"))
    project.tags.add("Sozialplanung")
    WorkingGroupFactory(
        page=project,
        name="AG Vielfalt",
        action_field=ActionField.objects.get(slug="integration-und-vielfalt"),
    )
    project.save_revision().publish()
    project.refresh_from_db()
    document = ProjectAdapter().to_document(project)
    assert document.kind == "projekt" and document.kind in KINDS
    assert set(document.facets) <= set(FACETS)
    assert document.facets["handlungsfeld"] == ["bildung", "integration-und-vielfalt"]
    assert document.facets["region"] == ["05358"]
    assert document.facets["zielgruppe"] == ["familien"]
    assert document.facets["schlagwort"] == ["Sozialplanung"]
    assert document.facets["jahr"] == ["2015", "2016"]
    assert "AG Vielfalt" in document.body and "Befragung offline" in document.body
    assert document.url == "/projekte/soziale-kupferstadt/"
    # the start as its year only: the hit shows „2015“, not „1. Januar 2015“
    assert (document.date.isoformat(), document.date_precision) == ("2015-01-01", "jahr")


def test_report_document_and_unpublished_pages_are_not_findable(section):
    report = ReportPageFactory(title="Abschlussbericht", year=2021)
    document = ReportAdapter().to_document(report)
    assert document.kind == "bericht" and document.facets["jahr"] == ["2021"]
    # the content's date is the year of publication, not the page's publication day
    assert (document.date.isoformat(), document.date_precision) == ("2021-01-01", "jahr")
    report.unpublish()
    report.refresh_from_db()
    assert ReportAdapter().to_document(report) is None
