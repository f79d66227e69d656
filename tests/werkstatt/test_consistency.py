"""One product: one breadcrumb root, one filter label, error pages with search, no raw HTML."""

import re

import pytest
from django.test import RequestFactory, override_settings
from django.views import defaults

from tests.conftest import Quiet

pytestmark = pytest.mark.django_db


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") :]


def test_home_page_entry_cards_show_intro_text_not_markup(client, site_tree):
    from catalogue.models import CatalogueSectionPage
    from werkstatt.demo import ensure_child

    section, _ = ensure_child(
        site_tree, CatalogueSectionPage, "werkzeuge", title="Werkzeuge", show_in_menus=True
    )
    section.intro = "<p>Erprobte und <b>bestehende</b> Werkzeuge &amp; neue Ideen.</p>"
    section.search_description = ""
    section.save_revision().publish()
    html = main_of(client.get("/"))
    assert "Erprobte und bestehende Werkzeuge &amp; neue Ideen." in html
    assert "&lt;p&gt;" not in html and "&lt;b&gt;" not in html


def test_breadcrumb_starts_at_start_on_pages_and_in_the_directory(client, site_tree):
    page_crumbs = client.get("/impressum/").content.decode()
    network_crumbs = client.get("/netzwerk/personen/").content.decode()
    for html in (page_crumbs, network_crumbs):
        nav = re.search(r'<nav class="breadcrumb.*?</nav>', html, re.S).group(0)
        first = re.search(r"<li><a [^>]*>([^<]+)</a></li>", nav).group(1)
        assert first == "Start"


def test_every_filter_form_submits_with_the_same_label(client, site_tree):
    from catalogue.demo import load as load_catalogue
    from projects.demo import load as load_projects

    load_catalogue(Quiet())
    load_projects(Quiet())
    pages = [
        "/netzwerk/",
        "/netzwerk/personen/",
        "/netzwerk/kommunen/",
        "/werkzeuge/werkzeugkatalog-kreis-dueren/",
        "/projekte/",
    ]
    for path in pages:
        html = main_of(client.get(path))
        labels = re.findall(r'<button type="submit"[^>]*>([^<]+)</button>', html)
        assert labels == ["Filter anwenden"], (path, labels)


def test_not_found_page_has_a_search_box_also_with_debug_on(client, site_tree):
    for debug in (False, True):
        with override_settings(DEBUG=debug):
            response = client.get("/gibt-es-nicht/")
        html = response.content.decode()
        assert response.status_code == 404
        assert '<h1 id="error-title">Seite nicht gefunden</h1>' in html, debug
        assert '<form class="search-box hero" role="search" method="get" action="/suche/">' in html
        assert "/static/werkstatt/css/werkstatt.css" in html
        assert "technical" not in html.lower()  # not Django's debug page


def test_server_error_page_is_styled_with_a_search_box():
    response = defaults.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "/static/werkstatt/css/werkstatt.css" in html
    assert 'action="/suche/"' in html and 'name="q"' in html
    assert "<script" not in html and "style=" not in html


def test_print_button_works_without_inline_script(client, site_tree):
    from catalogue.demo import load

    load(Quiet())
    url = "/werkzeuge/werkzeugkatalog-kreis-dueren/wohnlotsen/"
    html = client.get(url).content.decode()
    assert '<a class="button button--secondary" href="?druck=1" data-print>Drucken</a>' in html
    assert '<script src="/static/werkstatt/js/print.js" defer></script>' in html
    assert "onclick" not in html
    printable = client.get(url + "?druck=1").content.decode()
    assert "Diese Ansicht ist zum Drucken vorbereitet" in printable
    assert '<button type="button" class="button" data-print>Jetzt drucken</button>' in printable


def test_accessibility_statement_follows_the_eu_model(client, site_tree):
    html = main_of(client.get("/barrierefreiheit/"))
    for heading in (
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontakt",
        "Schlichtungsverfahren",
    ):
        assert heading in html
    # A municipal operator (the default): the Land's body, to be filled in, not the Bund's.
    assert "[Bitte ergänzen: Name, Anschrift und Website der Stelle" in html
    assert "schlichtungsstelle-bgg.de" not in html
    assert "[Bitte ergänzen: Datum]" in html


def test_accessibility_statement_of_a_federal_body_names_the_bgg_schlichtungsstelle(
    client, db, settings
):
    from werkstatt import demo

    settings.WERKSTATT_ENFORCEMENT_BODY = "bund"
    demo.load(Quiet())
    html = main_of(client.get("/barrierefreiheit/"))
    assert 'href="https://www.schlichtungsstelle-bgg.de"' in html
    assert "§ 16 Behindertengleichstellungsgesetz" in html


def test_feedback_form_is_linked_from_every_page_and_the_statement(client, site_tree):
    html = client.get("/impressum/").content.decode()
    assert (
        '<a href="/netzwerk/nachricht/?seite=/impressum/">Feedback und Barrieren melden</a>' in html
    )
    statement = main_of(client.get("/barrierefreiheit/"))
    assert 'href="/netzwerk/nachricht/"' in statement
    assert client.get("/netzwerk/nachricht/").status_code == 200
