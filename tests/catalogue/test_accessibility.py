"""axe-core in headless Chromium: catalogue, tool and Werkstattplan pages have no WCAG 2.1 A/AA violations."""

import pytest

from catalogue.demo import load
from tests.conftest import Quiet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(site_tree):
    load(Quiet())


def test_catalogue_tool_and_plan_pages_have_no_axe_violations(demo, assert_accessible):
    assert_accessible("/werkzeuge/")
    page = assert_accessible("/werkzeuge/werkzeugkatalog-kreis-dueren/")
    assert page.page.locator(".status--neu").first.inner_text().strip().endswith("neu")
    assert_accessible("/werkzeuge/werkzeugkatalog-kreis-dueren/?handlungsfeld=bildung&status=neu")
    assert_accessible("/werkzeuge/werkzeugkatalog-kreis-dueren/runder-tisch-demografie/")
    assert_accessible("/werkzeuge/werkstattplan-musterkommune/")


def test_print_layout_hides_navigation_and_filters(demo, browser_page):
    browser_page.goto("/werkzeuge/werkzeugkatalog-kreis-dueren/?druck=1")
    browser_page.page.emulate_media(media="print")
    assert not browser_page.page.locator(".main-nav").is_visible()
    assert not browser_page.page.locator("form.filters").is_visible()
    assert browser_page.page.locator(".print-all article").count() == 34
    assert browser_page.page.locator(".print-all .status").first.is_visible()


def test_open_data_page_has_no_axe_or_markup_errors(demo, assert_accessible):
    from tests.werkstatt.markup import markup_errors

    page = assert_accessible("/offene-daten/")
    assert markup_errors({"/offene-daten/": page.page.content()}) == []
    page.page.set_viewport_size({"width": 390, "height": 800})
    scroll, inner = page.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner


def test_similar_search_profile_and_plan_progress_have_no_axe_or_markup_errors(
    site_tree, assert_accessible, client, editor
):
    """The pages of issue 15's last gaps: /suche/ with „Kommunen ähnlich wie …“, the profile
    linking it, and the admin's Zwischenbilanz of a plan."""
    from catalogue.models import WorkshopPlanPage
    from network import demo as network_demo
    from tests.werkstatt.markup import markup_errors

    network_demo.load(Quiet())
    load(Quiet())
    pages = {}
    path = "/suche/?art=werkzeug&aehnlich=luedenscheid"
    page = assert_accessible(path)
    assert (
        "Kommunen ähnlich wie Lüdenscheid" in page.page.locator(".search-similar h2").inner_text()
    )
    assert page.page.locator(".result").count() > 0
    pages[path] = page.page.content()
    page = assert_accessible("/suche/?aehnlich=gibtsnicht", expect_status=400)
    assert "Unbekannte Kommune" in page.page.locator("[role=alert]").inner_text()
    pages["/suche/?aehnlich=gibtsnicht"] = page.page.content()
    page = assert_accessible("/netzwerk/kommunen/luedenscheid/")
    pages["/netzwerk/kommunen/luedenscheid/"] = page.page.content()
    # the admin page, as a logged-in editor (the session of Django's test client)
    client.force_login(editor)
    page.page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}]
    )
    plan = WorkshopPlanPage.objects.get(slug="werkstattplan-musterkommune")
    path = f"/admin/werkstattplan/{plan.pk}/zwischenbilanz/"
    page = assert_accessible(path)
    assert page.page.locator("select").count() > 10
    # Nu: our part of the page (Wagtail's own sidebar and shortcut dialog are not ours)
    main = page.page.locator("main").inner_html()
    pages[path] = (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Zwischenbilanz'
        f"</title></head><body><main>{main}</main></body></html>"
    )
    assert markup_errors(pages) == []
