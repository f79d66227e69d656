"""A template beside every admin import: XLSX with the import's columns and one example row
that the import takes as it is."""

import io

import pytest
from django.urls import reverse

from catalogue.factories import WorkshopPlanPageFactory
from catalogue.importer import import_catalogue
from catalogue.plan_importer import COLUMNS as PLAN_COLUMNS
from catalogue.plan_importer import import_plan
from catalogue.spreadsheet_columns import COLUMNS
from werkstatt.spreadsheets import read_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def download(client, kind):
    response = client.get(reverse("import_template", args=[kind]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="vorlage-' in response["Content-Disposition"]
    frame = read_table(io.BytesIO(response.content), filename="vorlage.xlsx")
    assert len(frame) == 1, "one example row"
    return frame


def test_tool_template_has_the_columns_and_imports_into_a_catalogue(admin_client, catalogue):
    frame = download(admin_client, "werkzeuge")
    assert list(frame.columns) == list(COLUMNS)
    assert frame.iloc[0]["Werkzeug"]
    result = import_catalogue(frame, catalogue, dry_run=True)
    assert result.ok, result.errors
    assert result.created == 1


def test_plan_template_has_the_columns_and_imports_into_a_plan(admin_client, section):
    frame = download(admin_client, "werkstattplan")
    assert list(frame.columns)[: len(PLAN_COLUMNS)] == list(PLAN_COLUMNS)
    plan = WorkshopPlanPageFactory(parent=section, start_year=2026, end_year=2028)
    result = import_plan(frame, plan, dry_run=True)
    assert result.ok, result.errors


def test_import_pages_offer_the_template(admin_client, catalogue, section):
    html = admin_client.get(reverse("catalogue_import", args=[catalogue.pk])).content.decode()
    assert reverse("import_template", args=["werkzeuge"]) in html
    assert "samples/werkzeuge-beispiel.csv" not in html  # no pointer into the repository
    plan = WorkshopPlanPageFactory(parent=section)
    html = admin_client.get(reverse("plan_import", args=[plan.pk])).content.decode()
    assert reverse("import_template", args=["werkstattplan"]) in html


def test_unknown_template_is_a_404_and_members_get_none(client, admin_client, member):
    assert admin_client.get("/admin/import-vorlage/unbekannt.xlsx").status_code == 404
    client.force_login(member)
    response = client.get(reverse("import_template", args=["werkzeuge"]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
