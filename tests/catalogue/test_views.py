"""What a visitor sees: section, catalogue grouped by action field, filters, tool and plan pages, print."""

import csv

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from catalogue.demo import load as load_demo
from catalogue.models import ToolPage
from tests.conftest import Quiet

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(module_demo, db):
    """The module's demo inside this test's savepoint."""


CATALOGUE = "/werkzeuge/werkzeugkatalog-kreis-dueren/"


def test_section_lists_catalogues_and_plans(client, demo):
    html = client.get("/werkzeuge/").content.decode()
    assert "Werkzeugkatalog Kreis Düren" in html and "34 Werkzeuge" in html
    assert "Werkstattplan Musterkommune" in html and "2017–2020" in html


def test_catalogue_groups_tools_by_action_field_with_counts_and_visions(client, demo):
    response = client.get(CATALOGUE)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="af-group af-') == 9
    assert (
        html.index('id="af-fachkraefte-title"')
        < html.index("Ausbildungsbörse im Kreishaus")
        < html.index('id="af-bildung-title"')
        < html.index("Seniorenakademie")
    )
    assert "2 bestehende und 2 neue Werkzeuge" in html  # Fachkräfte
    assert html.count("<h3>Zukunftsbild</h3>") == 9
    assert "Betriebe, Schulen und Verwaltung gewinnen gemeinsam Nachwuchs" in html
    # Status in colour AND words.
    assert (
        '<span class="status status--bestehend"><span class="visually-hidden">Status: </span>bestehend</span>'
        in html
    )
    assert (
        '<span class="status status--neu"><span class="visually-hidden">Status: </span>neu</span>'
        in html
    )
    assert 'style="' not in html


def test_filters_work_without_javascript(client, demo):
    html = client.get(CATALOGUE, {"handlungsfeld": "bildung", "status": "neu"}).content.decode()
    assert "Bildungslandkarte online" in html and "Digitallotsen in Büchereien" in html
    assert "/seniorenakademie/" not in html  # bestehend
    assert "/burgerbus-rureifel/" not in html and "/buergerbus-rureifel/" not in html
    assert "2 Werkzeuge" in html and "passen zur Auswahl" in html
    assert 'href="/suche/?art=werkzeug&amp;handlungsfeld=bildung&amp;status=neu"' in html
    html = client.get(CATALOGUE, {"zielgruppe": "menschen-mit-behinderung"}).content.decode()
    assert "Inklusive Freizeitkarte" in html and "/wohnlotsen/" not in html
    html = client.get(
        CATALOGUE, {"status": "bestehend", "handlungsfeld": "fachkraefte"}
    ).content.decode()
    assert "2 bestehende und 0 neue Werkzeuge" in html


def test_unknown_filter_value_is_a_german_400(client, demo):
    response = client.get(CATALOGUE, {"handlungsfeld": "raumfahrt"})
    assert response.status_code == 400
    assert "Ein Filterwert ist unbekannt" in response.content.decode()


def test_print_view_shows_every_tool_one_per_page(client, demo):
    html = client.get(CATALOGUE, {"druck": "1"}).content.decode()
    assert "print-mode" in html
    assert html.count('class="print-page-break tool"') == 34
    from pathlib import Path

    from django.contrib.staticfiles import finders

    text = Path(finders.find("catalogue/catalogue.css")).read_text(encoding="utf-8")
    assert ".print-page-break { break-before: page; }" in text and "@media print" in text


def test_tool_page_shows_everything_with_month_grid(client, demo):
    tool = ToolPage.objects.get(title="Runder Tisch Demografie")
    html = client.get(tool.url).content.decode()
    assert "<h1>Runder Tisch Demografie</h1>" in html
    assert "Status: </span>neu" in html
    assert "Demografienetzwerk &amp; Verwaltung" in html
    assert "Kontakt auf Anfrage" in html  # no linked person: nothing personal shown
    assert "Jonas Beispielmann" not in html  # imported contact text stays internal
    assert "700,00 €" in html and "Projektmittel der Demografiewerkstatt" in html
    assert "ja: Moderation der Auftaktveranstaltung" in html
    assert (
        '<caption id="sheet-caption-2017">Einzelmaßnahmen 2017 nach Monaten (X = geplant)</caption>'
        in html
    )
    assert (
        '<th scope="col" class="month-grid__month"><span aria-hidden="true">Jan.</span><span class="visually-hidden">Januar</span></th>'
        in html
    )
    assert '<th scope="row">Auftaktveranstaltung durchführen</th>' in html
    assert (
        html.count('<span class="visually-hidden">geplant</span>') == 3 + 6
    )  # 2017: 1+1+2, 2018: 4+1
    assert "Raummiete 100 €" in html
    assert "Ähnliche Werkzeuge" in html and "Ämterübergreifendes Kompetenzteam Demografie" in html


def test_tool_page_shows_a_visible_linked_contact(client, demo):
    from network.factories import PersonFactory

    tool = ToolPage.objects.get(title="Wohnlotsen")
    tool.contact = PersonFactory(name="Marlene Musterfrau", visibility="public")
    tool.save_revision().publish()
    html = client.get(tool.url).content.decode()
    assert "Marlene Musterfrau" in html and "Kontakt auf Anfrage" not in html
    hidden = PersonFactory(name="Versteckte Person", visibility="hidden")
    tool.contact = hidden
    tool.save_revision().publish()
    html = client.get(tool.url).content.decode()
    assert "Versteckte Person" not in html and "Kontakt auf Anfrage" in html


def test_good_practice_and_also_used_in(client, demo):
    tool = ToolPage.objects.get(title="Bürgerbus Rureifel")
    html = client.get(tool.url).content.decode()
    assert "Praxisbeispiel" in html and "Gute Praxis und Übertragbarkeit" in html
    assert "Trägerverein" in html and "Stolberg (Rhld.)" in html


def test_related_tools_prefer_the_same_kreis(section, demo):
    from catalogue.models import CatalogueIndexPage
    from taxonomy.models import Region
    from werkstatt.demo import ensure_child

    other, _ = ensure_child(
        section,
        CatalogueIndexPage,
        "lk",
        title="Anderer Katalog",
        owner_region=Region.objects.get(code="13076"),
    )
    from catalogue.factories import ToolPageFactory
    from taxonomy.models import ActionField

    far = ToolPageFactory(
        parent=other,
        title="Bürgerbus Mecklenburg",
        primary_action_field=ActionField.objects.get(slug="mobilitaet-und-nahversorgung"),
    )
    tool = ToolPage.objects.get(title="Bürgerbus Rureifel")
    request = RequestFactory().get(tool.url)
    request.user = AnonymousUser()
    related = [t.title for t in tool.related_tools(request)]
    assert "Rufbus im ländlichen Raum" in related
    assert far.title not in related  # another Land is not "nearby"


def test_workshop_plan_table_and_downloads(client, demo):
    response = client.get("/werkzeuge/werkstattplan-musterkommune/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<caption id="plan-caption">Werkstattplan Musterkommune: Handlungsfelder und Werkzeuge 2017 bis 2020 (X = in diesem Jahr geplant)</caption>'
        in html
    )
    assert '<th scope="col" class="plan__year">2020</th>' in html
    assert (
        '<th scope="row"><a href="#feld-3"><span class="af-badge af-leben-und-wohnen">3. Wohnen</span></a></th>'
        in html
    )
    assert html.count('<span class="visually-hidden">geplant</span>') == 1 + 1 + 4 + 2
    # Each field as a card: the linked tools with their status, further steps as text.
    assert '<h2 id="feld-3" class="plan-field__title">3. Wohnen</h2>' in html
    assert "<li>Informationsmaterial leichter verfügbar machen</li>" in html
    assert (
        '<li><a href="/werkzeuge/werkzeugkatalog-kreis-dueren/wohnberatung-fuer-das-alter/">Wohnberatung für das Alter</a>'
        in html
    )
    # Each linked tool's state per plan year (Zwischenbilanz), and the chart over all of them.
    assert '<caption id="stand-2">2. Mobilität: Stand jedes Werkzeugs je Jahr</caption>' in html
    assert '<span class="progress progress--eingestellt">eingestellt</span>' in html
    assert '<svg role="img" aria-labelledby="plan-chart-title"' in html
    csv_response = client.get("/werkzeuge/werkstattplan-musterkommune/csv/")
    assert (
        csv_response["Content-Disposition"]
        == 'attachment; filename="werkstattplan-werkstattplan-musterkommune.csv"'
    )
    text = csv_response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert (
        lines[0]
        == "Handlungsfeld;Handlungsfeld (Vokabular);Beschreibung;Werkzeuge;Weitere Schritte;"
        "Ansprechperson;Umsetzungsort;Beteiligte;2017;2018;2019;2020"
    )
    assert "3. Wohnen;Leben & Wohnen;Die Wohnberatung im Landkreis wird verbessert." in text
    # A planned year shows the linked tool's state where it has one (the plan import reads it back).
    cells = list(csv.reader(text.splitlines(keepends=True), delimiter=";"))
    assert cells[1][-4:] == ["begonnen", "", "", ""]
    assert cells[3][-4] == "DN-017: verstetigt" and all(cells[3][-4:])
    xlsx = client.get("/werkzeuge/werkstattplan-musterkommune/xlsx/")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == (
        "Handlungsfeld",
        "Handlungsfeld (Vokabular)",
        "Beschreibung",
        "Werkzeuge",
    )
    assert rows[0][-1] == "2020" and rows[1][3] == "DN-032"
    assert rows[3][0] == "3. Wohnen" and rows[3][-4] == "DN-017: verstetigt" and all(rows[3][-4:])
    assert rows[1][-4:] == ("begonnen", None, None, None)


def test_demo_is_idempotent_and_complete(demo):
    from wagtail.models import Revision

    from catalogue.models import CatalogueIndexPage, FutureVision, WorkshopPlanPage

    revisions = Revision.objects.count()
    load_demo(Quiet())
    assert Revision.objects.count() == revisions
    catalogue = CatalogueIndexPage.objects.get(slug="werkzeugkatalog-kreis-dueren")
    tools = ToolPage.objects.child_of(catalogue)
    assert tools.count() >= 30
    assert {t.status for t in tools} == {"bestehend", "neu"}
    assert len({t.primary_action_field_id for t in tools}) == 9
    assert FutureVision.objects.filter(catalogue=catalogue).count() == 9
    assert sum(1 for t in tools if t.tool_sheets) >= 3
    assert WorkshopPlanPage.objects.get().rows.count() == 4


def test_a_large_action_field_shows_a_preview_and_pages_through_every_tool_without_script(
    client, demo, monkeypatch
):
    """Each group on the catalogue page shows its first tools; a plain link leads to the action
    field's own pages (`seite`), which together list every tool of the field exactly once."""
    from catalogue.models import CatalogueIndexPage

    monkeypatch.setattr(CatalogueIndexPage, "GROUP_PREVIEW", 2)
    monkeypatch.setattr(CatalogueIndexPage, "FIELD_PAGE_SIZE", 3)
    catalogue = CatalogueIndexPage.objects.get(url_path__endswith="/werkzeugkatalog-kreis-dueren/")
    wohnen = [
        t.title for t in catalogue.tools() if t.primary_action_field.slug == "leben-und-wohnen"
    ]
    assert len(wohnen) > 3  # the demo has enough for two pages

    html = client.get(CATALOGUE).content.decode()
    section = html[html.index('id="af-leben-und-wohnen-title"') :]
    section = section[: section.index("</section>")]
    assert sum(title in section for title in wohnen) == 2
    field_url = f"{CATALOGUE}handlungsfeld/leben-und-wohnen/"
    assert f'href="{field_url}"' in section
    assert f"{len(wohnen) - 2} weitere" in section

    seen, number = [], 1
    while True:
        response = client.get(f"{field_url}?seite={number}")
        assert response.status_code == 200
        page = response.content.decode()
        seen += [title for title in wohnen if f">{title}</a>" in page]
        if 'rel="next"' not in page:
            break
        number += 1
    assert sorted(seen) == sorted(wohnen)
    assert number == -(-len(wohnen) // 3)
    assert client.get(f"{field_url}?seite={number + 1}").status_code == 404
    assert client.get(f"{field_url}?seite=x").status_code == 400
    assert client.get(f"{CATALOGUE}handlungsfeld/gibt-es-nicht/").status_code == 404
    # the print view still holds the whole catalogue in one page
    printed = client.get(f"{CATALOGUE}?druck=1").content.decode()
    assert all(title in printed for title in wohnen)
