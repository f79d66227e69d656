"""/api/v1/projekte/, /api/v1/berichte/, /api/v1/datenberichte/: what a visitor may see, the
published values of a data report only, the filters, and bad input as a 400 (never a 500)."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from catalogue.factories import ToolPageFactory
from projects.factories import ProjectPageFactory, ReportPageFactory
from projects.models import ProjectTool, ReportProject, Status
from taxonomy.models import ActionField, Region

from .conftest import SECRET_COUNT, SECRET_POPULATION, SECRET_SHARE

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(section, kreuzau):
    """A public project (2019–2021, Kreuzau) with a public and a restricted tool, a members-only
    project, a report on the public project and one behind a password."""
    field = ActionField.objects.order_by("sort_order").first()
    public = ProjectPageFactory(
        parent=section,
        title="Dorfladen Kreuzau",
        region=kreuzau,
        period_start=datetime.date(2019, 3, 1),
        period_end=datetime.date(2021, 6, 30),
        status=Status.FINISHED,
        good_practice=True,
    )
    public.action_fields.add(field)
    public.save_revision().publish()
    members = ProjectPageFactory(
        parent=section, title="Nur für Mitglieder", region=Region.objects.get(code="05334")
    )
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    open_tool, secret_tool = (
        ToolPageFactory(title="Offenes Werkzeug"),
        ToolPageFactory(title="Werkzeug des Steuerkreises"),
    )
    restriction = PageViewRestriction.objects.create(
        page=secret_tool, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Steuerkreis"))
    for tool in (open_tool, secret_tool):
        ProjectTool.objects.create(page=public, tool=tool)
    report = ReportPageFactory(parent=section, title="Abschlussbericht Dorfladen", year=2021)
    ReportProject.objects.create(page=report, project=public)
    hidden = ReportPageFactory(parent=section, title="Interner Bericht", year=2021)
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="kennwort-123"
    )
    ReportProject.objects.create(page=hidden, project=public)
    return {"public": public, "members": members, "report": report, "field": field}


def _titles(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code == 200, response.content[:300]
    return [item["titel"] for item in response.json()["ergebnisse"]]


def test_visitors_see_what_they_may_open_members_also_members_only(pages, member):
    client = Client()
    assert _titles(client, "/api/v1/projekte/") == ["Dorfladen Kreuzau"]
    assert client.get(f"/api/v1/projekte/{pages['members'].pk}/").status_code == 404
    one = client.get(f"/api/v1/projekte/{pages['public'].pk}/").json()
    assert [t["titel"] for t in one["werkzeuge"]] == ["Offenes Werkzeug"]
    assert [r["titel"] for r in one["berichte"]] == ["Abschlussbericht Dorfladen"]
    assert one["jahre"] == [2019, 2020, 2021] and one["region"]["ags"] == "05358028"
    assert _titles(client, "/api/v1/berichte/") == ["Abschlussbericht Dorfladen"]

    client.force_login(member)
    assert set(_titles(client, "/api/v1/projekte/")) == {"Dorfladen Kreuzau", "Nur für Mitglieder"}
    assert client.get(f"/api/v1/projekte/{pages['members'].pk}/").status_code == 200
    one = client.get(f"/api/v1/projekte/{pages['public'].pk}/").json()
    assert [t["titel"] for t in one["werkzeuge"]] == ["Offenes Werkzeug"]  # not in the group
    response = client.get("/api/v1/projekte/")
    assert "private" in response["Cache-Control"] and response["Access-Control-Allow-Origin"]


def test_filters_as_in_the_search(pages):
    client = Client()
    project = "/api/v1/projekte/"
    assert _titles(client, project, {"jahr": "2020"}) == ["Dorfladen Kreuzau"]
    assert _titles(client, project, {"jahr": "2022"}) == []
    assert _titles(client, project, {"region": "05358"}) == ["Dorfladen Kreuzau"]
    assert _titles(client, project, {"region": "00"}) == []  # well-formed, names nothing
    assert _titles(client, project, {"handlungsfeld": pages["field"].slug}) == ["Dorfladen Kreuzau"]
    assert _titles(client, project, {"status": "laufend"}) == []
    assert _titles(client, project, {"praxisbeispiel": "ja", "seite": "3"}) == [
        "Dorfladen Kreuzau"  # a page beyond the last is the last
    ]
    assert _titles(client, "/api/v1/berichte/", {"jahr": "2021", "art": "sozialbericht"}) == [
        "Abschlussbericht Dorfladen"
    ]


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/v1/projekte/", {"region": "5"}),
        ("/api/v1/projekte/", {"region": ""}),
        ("/api/v1/projekte/", {"jahr": "1800"}),
        ("/api/v1/projekte/", {"status": "alt"}),
        ("/api/v1/projekte/", {"seite": ""}),
        ("/api/v1/projekte/", {"seite": "0"}),
        ("/api/v1/projekte/", {"seite": "²"}),
        ("/api/v1/berichte/", {"art": "roman"}),
        ("/api/v1/berichte/", {"unbekannt": "1"}),
        ("/api/v1/datenberichte/", {"handlungsfeld": "Groß"}),
        ("/api/v1/datenberichte/", {"status": "laufend"}),  # not a filter of data reports
        ("/api/v1/werkstattplaene/", {"jahr": "20201"}),
    ],
)
def test_bad_filters_are_a_400_with_the_parameter(pages, path, params):
    response = Client().get(path, params)
    assert response.status_code == 400
    assert response.json()["parameter"] == next(iter(params))
    assert response.json()["fehler"]


def test_data_report_gives_published_values_only(data_report):
    client = Client()
    listed = client.get("/api/v1/datenberichte/").json()["ergebnisse"]
    assert [item["titel"] for item in listed] == ["Datencheck Kreuzau"]
    assert "tabelle" not in listed[0]
    response = client.get(f"/api/v1/datenberichte/{data_report.pk}/")
    text = response.content.decode()
    for secret in (str(SECRET_COUNT), str(SECRET_POPULATION), SECRET_SHARE, "31.4", "7013"):
        assert secret not in text, secret
    table = json.loads(text)["tabelle"]
    publication = data_report.publication()
    assert table["geschuetzte_werte"] == publication.suppressed == 7
    assert table["schwelle"] == 5000
    rows = {row["name"]: row for row in table["gebiete"]}
    boich = rows["Boich"]
    assert set(boich["geschuetzt"]) == set(boich["werte"])  # the whole area withheld
    assert all(value is None for value in boich["werte"].values())
    drove = rows["Drove"]
    assert drove["werte"]["einwohner"] == 21000 and drove["werte"]["anzahl-80-plus"] is None
    assert drove["geschuetzt"] == ["anzahl-80-plus"]
    for row in publication.rows:
        for key, cell in row.cells.items():
            assert rows[row.name]["werte"][key] == cell.published_value
