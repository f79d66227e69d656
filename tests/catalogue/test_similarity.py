"""Municipalities like mine: the documented score on hand-computed cases, figures and the profile."""

import io

import pytest
from django.core.management import call_command

from catalogue import demo as catalogue_demo
from catalogue.similarity import Profile, compare, density_class, score
from network import demo as network_demo
from taxonomy.models import RegionFigure
from tests.conftest import Quiet


def test_hand_computed_size_density_and_fields():
    a = Profile(
        population=72000,
        density=388.4,
        fields=frozenset({1, 2}),
        field_names={1: "Bildung", 2: "Wohnen"},
    )
    b = Profile(population=56000, density=785.8, fields=frozenset({2, 3}))
    criteria = compare(a, b)
    points = {c.key: round(c.points, 4) for c in criteria}
    # size: 1 - log10(72000/56000) = 1 - 0.1091 = 0.8909; density: neighbouring class 0.5;
    # fields: {2} of {1, 2, 3} = 1/3; change unknown (dropped with its weight)
    assert points == {"size": 0.8909, "density": 0.5, "fields": 0.3333}
    # (0.35 * 0.8909 + 0.25 * 0.5 + 0.25 * 0.3333) / 0.85 = 0.6119
    assert score(criteria) == 61
    assert [c.reason for c in criteria if c.reason] == [
        "ähnlich groß",
        "gleiches Handlungsfeld: Wohnen",
    ]


def test_hand_computed_change_and_same_density_class():
    a = Profile(population=100000, density=120.0, change=1.0)
    b = Profile(population=100000, density=140.0, change=-2.0)
    criteria = compare(a, b)
    # size 1, density same class 1 („ländlich“), change 1 - 3/5 = 0.4; no fields of A: dropped
    assert {c.key: round(c.points, 4) for c in criteria} == {
        "size": 1.0,
        "density": 1.0,
        "change": 0.4,
    }
    assert score(criteria) == 88  # (0.35 + 0.25 + 0.15 * 0.4) / 0.75
    assert [c.reason for c in criteria if c.reason] == ["ähnlich groß", "ebenfalls ländlich"]


def test_ten_times_as_large_and_nothing_known():
    assert score(compare(Profile(population=10000), Profile(population=100000))) == 0
    assert score(compare(Profile(), Profile(population=5))) == 0


def test_density_class_boundaries():
    assert density_class(99.9)[0] == "duenn"
    assert density_class(100)[0] == "laendlich"
    assert density_class(150)[0] == "staedtisch-gepraegt"
    assert density_class(500)[0] == "staedtisch"


def test_destatis_figures_ship_with_the_regions_at_two_dates(db):
    figures = RegionFigure.objects.filter(region__code="05358").order_by("date")
    assert [(f.population, str(f.area_km2), str(f.date)) for f in figures] == [
        (263722, "941.49", "2018-12-31"),
        (266771, "941.49", "2021-12-31"),
    ]
    assert round(figures[0].density) == 280
    # 401 Kreise in 2018, 400 in 2021 (Eisenach joined the Wartburgkreis)
    assert RegionFigure.objects.count() == 801
    assert not RegionFigure.objects.filter(region__code="16056", date="2021-12-31").exists()
    out = io.StringIO()
    call_command("load_region_figures", stdout=out)  # idempotent refresh from the shipped file
    assert RegionFigure.objects.count() == 801
    assert "Stichtag 2018-12-31, 2021-12-31" in out.getvalue()


def test_population_change_counts_on_the_shipped_figures(db):
    from catalogue.similarity import profile_of
    from network.models import Municipality
    from taxonomy.models import Region

    dueren = profile_of(Municipality(name="Kreis Düren", region=Region.objects.get(code="05358")))
    # (266771 - 263722) / 263722 = +1.156 %
    assert round(dueren.change, 3) == 1.156
    # a Gemeinde takes its Kreis's change: Märkischer Kreis (406793 - 412120) / 412120 = -1.293 %
    luedenscheid = profile_of(
        Municipality(name="Lüdenscheid", population=72000, region=Region.objects.get(code="05962"))
    )
    assert round(luedenscheid.change, 3) == -1.293
    change = {c.key: c for c in compare(luedenscheid, dueren)}["change"]
    # 1 - |(-1.293) - 1.156| / 5 = 0.510
    assert round(change.points, 2) == 0.51 and change.reason == ""


def test_no_population_change_across_a_new_border(db):
    """The Wartburgkreis took in Eisenach in 2021 (area 1307.44 -> 1371.14 km²): its
    population grew by the merger, not by people moving, so the change is unknown."""
    from catalogue.similarity import profile_of
    from network.models import Municipality
    from taxonomy.models import Region

    wartburgkreis = Municipality(name="Wartburgkreis", region=Region.objects.get(code="16063"))
    profile = profile_of(wartburgkreis)
    assert profile.population == 158900 and profile.change is None


@pytest.fixture
def demo(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search projection too
        network_demo.load(Quiet())
        catalogue_demo.load(Quiet())


def test_profile_shows_similar_municipalities_with_reasons_and_tools(demo, client):
    html = client.get("/netzwerk/kommunen/luedenscheid/").content.decode()
    assert "Kommunen wie diese" in html
    assert "Kreis Düren" in html and "ebenfalls städtisch geprägt" in html
    assert "Bürgerbus Rureifel" in html  # a tool used in the similar Kreis
    assert "Größe: " in html and "(Gewicht 35 %)" in html
    # the shipped figures have two dates, so the population change is part of the score
    assert "Bevölkerungsentwicklung: 51 von 100 (Gewicht 15 %)" in html
    assert "/suche/?art=werkzeug&amp;aehnlich=luedenscheid" in html


def destatis_xlsx(path, date_text, rows):
    """A file shaped like Destatis' 04-kreise.xlsx (cover sheet, then the Kreise sheet)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Deckblatt"
    sheet = book.create_sheet("Kreisfreie Städte u. Landkreise")
    sheet.append(
        ["Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte"]
    )
    sheet.append([f"Gebietsstand: {date_text}"])
    sheet.append([])
    sheet.append(
        [
            "Schlüssel-nummer",
            "Regionale Bezeichnung",
            "Kreisfreie Stadt",
            "NUTS3",
            "Fläche",
            "Bevölkerung",
        ]
    )
    sheet.append(["05", "Nordrhein-Westfalen"])
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_a_newer_destatis_file_adds_a_date_and_the_population_change_counts(db, tmp_path):
    from catalogue.similarity import profile_of
    from network.models import Municipality
    from taxonomy.models import Region

    path = tmp_path / "04-kreise.xlsx"
    destatis_xlsx(
        path,
        "31.12.2022",
        [
            ["05358", "Kreis", "Düren", "DEA26", "941.49", "269000"],
            ["05334", "Kreis", "Städteregion Aachen", "DEA2D", "706.91", "550000"],
        ],
    )
    out = io.StringIO()
    call_command("load_region_figures", str(path), stdout=out)
    assert "Kennzahlen: 2 Regionen, Stichtag 2022-12-31" in out.getvalue()
    assert RegionFigure.objects.filter(region__code="05358").count() == 3
    dueren = Municipality(name="Kreis Düren", region=Region.objects.get(code="05358"))
    # the two latest dates count: (269000 - 266771) / 266771 = +0.84 %
    assert round(profile_of(dueren).change, 2) == 0.84


def test_search_option_similar_municipalities_on_the_demo(demo, client):
    """aehnlich=<Kurzname>: a real search option, shown, explained and removable like a filter."""
    response = client.get("/suche/?art=werkzeug&aehnlich=luedenscheid")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kommunen ähnlich wie Lüdenscheid" in html
    assert "Kreis Düren" in html and "von 100 Punkten" in html
    assert "ähnliche Bevölkerungsentwicklung" in html  # the second Destatis date counts
    # removable: the chip leads to the same search without the option
    assert 'href="/suche/?art=werkzeug"' in html
    # the search form keeps the option for new words
    assert '<input type="hidden" name="aehnlich" value="luedenscheid">' in html
    # the hits are exactly those located in the similar municipalities' regions
    search_request = response.context["search_request"]
    codes = search_request.similar.codes
    assert "05358" in codes and not any(code.startswith("05962") for code in codes)
    regions = "&".join(f"region={code}" for code in codes)
    same = client.get(f"/api/v1/suche/?art=werkzeug&uebergeordnet=nein&{regions}").json()
    assert response.context["response"].total == same["total"] > 20
    tools = client.get("/api/v1/suche/?art=werkzeug&aehnlich=luedenscheid&q=Rureifel").json()
    assert [hit["title"] for hit in tools["hits"]] == ["Bürgerbus Rureifel"]  # in the Kreis Düren
    # by AGS the same municipalities; the URL keeps the short name
    by_code = client.get("/suche/?art=werkzeug&aehnlich=05962032")
    assert by_code.context["search_request"].similar == search_request.similar
    # the profile links this search
    profile = client.get("/netzwerk/kommunen/luedenscheid/").content.decode()
    assert "/suche/?art=werkzeug&amp;aehnlich=luedenscheid" in profile


def test_search_option_similar_in_the_api_and_its_schema(demo, client):
    data = client.get("/api/v1/suche/?aehnlich=luedenscheid&art=werkzeug").json()
    assert data["similar"]["label"] == "Lüdenscheid"
    names = [m["name"] for m in data["similar"]["municipalities"]]
    assert "Kreis Düren" in names
    assert data["total"] > 20 and data["similar"]["note"].startswith(names[0])
    assert client.get("/api/v1/suche/").json()["similar"] is None
    schema = client.get("/api/v1/schema/").json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/suche/"]["get"]["parameters"]}
    assert "Kurzname" in params["aehnlich"]["description"]


@pytest.mark.parametrize("value", ["gibtsnicht", "99999999", "x%00y", "a" * 201])
def test_search_option_similar_refuses_unknown_values_with_a_german_400(demo, client, value):
    page = client.get(f"/suche/?aehnlich={value}")
    assert page.status_code == 400
    api = client.get(f"/api/v1/suche/?aehnlich={value}")
    assert api.status_code == 400
    message = api.json()["error"]["message"]
    assert "aehnlich" in message or "unzulässige Zeichen" in message or "zu lang" in message
    assert "Unbekannte Kommune" in page.content.decode() or "aehnlich" in page.content.decode()
    twice = client.get("/suche/?aehnlich=luedenscheid&aehnlich=stolberg")
    assert twice.status_code == 400 and "nur einmal" in twice.content.decode()
