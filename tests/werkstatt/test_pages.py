"""Home and standard pages as a visitor sees them; page tree rules."""

import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from taxonomy.models import ActionField
from werkstatt.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_home_page_shows_entry_points_action_fields_and_search(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert 'action="/suche/"' in html and 'name="q"' in html
    for field in ActionField.objects.all():
        assert field.name.replace("&", "&amp;") in html
        assert f"?handlungsfeld={field.slug}" in html
    assert 'href="#inhalt"' in html and 'id="inhalt"' in html
    for link in ("Impressum", "Datenschutz", "Barrierefreiheit", "mailto:"):
        assert link in html


def test_home_page_references_no_other_host(client, home_page):
    html = client.get("/").content.decode()
    urls = re.findall(r'(?:src|href|action)="([^"]+)"', html)
    assert urls
    foreign = [u for u in urls if re.match(r"^(https?:)?//", u)]
    assert foreign == []


def test_standard_pages_render_with_breadcrumb(client, home_page):
    response = client.get("/impressum/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Impressum</h1>" in html
    assert 'aria-label="Brotkrümelnavigation"' in html
    assert client.get("/datenschutz/").status_code == 200
    assert client.get("/barrierefreiheit/").status_code == 200


def test_unknown_page_is_german_404(client, home_page):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_security_headers_on_public_pages(client, home_page):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


def test_load_demo_is_idempotent(home_page, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    before = Page.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert HomePage.objects.count() == 1
    assert StandardPage.objects.filter(slug="impressum").count() == 1
    assert Page.objects.count() >= before


class TestPageTree(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)


def test_action_field_colours_come_from_a_stylesheet_not_inline_styles(client, home_page):
    html = client.get("/").content.decode()
    assert 'style="' not in html
    css = client.get("/handlungsfelder.css")
    assert css["Content-Type"].startswith("text/css")
    field = ActionField.objects.get(slug="bildung")
    assert f".af-bildung {{ --af-colour: {field.colour}; }}" in css.content.decode()
    assert 'class="action-field af-bildung"' in html
