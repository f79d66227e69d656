"""axe-core (WCAG 2.1 A/AA) on every directory page type, as anonymous visitor and as member."""

import pytest

from network import demo
from network.models import Body, Organisation, Person
from tests.conftest import Quiet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_directory(site_tree):
    demo.load(Quiet())


def directory_paths():
    public = Person.objects.filter(visibility="public").order_by("pk").first()
    return [
        "/netzwerk/",
        "/netzwerk/personen/",
        "/netzwerk/personen/?handlungsfeld=bildung&region=05",
        "/netzwerk/personen/?region=gibt-es-nicht",  # the 400 page with the form error
        public.get_absolute_url(),
        "/netzwerk/organisationen/",
        Organisation.objects.get(
            name="Stabsstelle Demografie und Sozialplanung"
        ).get_absolute_url(),
        "/netzwerk/gremien/",
        Body.objects.get(name="ZWK-Beirat Bremerhaven").get_absolute_url(),
        Body.objects.get(name__startswith="AG 3").get_absolute_url(),
        "/netzwerk/kommunen/",
        "/netzwerk/kommunen/bremerhaven/",
        "/netzwerk/kommunen/stolberg/",
    ]


def test_directory_pages_have_no_axe_violations(demo_directory, assert_accessible):
    for path in directory_paths():
        status = 400 if "gibt-es-nicht" in path else 200
        assert_accessible(path, expect_status=status)


def test_member_view_has_no_axe_violations(demo_directory, member, assert_accessible, browser_page):
    browser_page.goto("/anmelden/")
    browser_page.page.fill("input[name=username]", "mitglied")
    browser_page.page.fill("input[name=password]", "geheim-123")
    browser_page.page.click("main button[type=submit]")
    members_only = Person.objects.filter(visibility="members").order_by("pk").first()
    page = assert_accessible(members_only.get_absolute_url())
    assert members_only.email in page.page.content()
    assert_accessible("/netzwerk/kommunen/bremerhaven/")


def test_own_entry_pages_have_no_axe_violations(site_tree, member, assert_accessible, browser_page):
    from network.factories import PersonFactory

    browser_page.goto("/anmelden/")
    browser_page.page.fill("input[name=username]", "mitglied")
    browser_page.page.fill("input[name=password]", "geheim-123")
    browser_page.page.click("main button[type=submit]")
    page = assert_accessible("/netzwerk/mein-eintrag/")  # no linked entry: the explanation
    assert "noch kein Eintrag" in page.page.content()
    PersonFactory(name="Mira Mitglied", email="mira@example.org", user=member)
    page = assert_accessible("/netzwerk/mein-eintrag/")
    page.page.fill("input[name=email]", "keine-adresse")
    page.page.evaluate("document.querySelector('main form').noValidate = true")
    page.page.click("main button[type=submit]")
    assert "gültige E-Mail-Adresse" in page.page.content()
    assert page.axe_violations() == []


def test_saved_search_pages_have_no_axe_violations(corpus, member, assert_accessible, browser_page):
    """The search page with „Suche merken“, the list of saved searches and the unsubscribe page."""
    from network.alerts import unsubscribe_token
    from network.models import SavedSearch

    browser_page.goto("/anmelden/")
    browser_page.page.fill("input[name=username]", "mitglied")
    browser_page.page.fill("input[name=password]", "geheim-123")
    browser_page.page.click("main button[type=submit]")
    page = assert_accessible("/suche/?handlungsfeld=mobilitaet-und-nahversorgung")
    page.page.select_option("#save-frequency", "daily")
    page.page.click("form.save-search button[type=submit]")
    assert "Gemerkt: Sie bekommen täglich eine E-Mail" in page.page.content()
    assert page.axe_violations() == []
    saved = SavedSearch.objects.get()
    assert_accessible(f"/netzwerk/suche-abbestellen/{unsubscribe_token(saved)}/")
