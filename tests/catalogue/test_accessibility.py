"""axe-core in headless Chromium: catalogue, tool and Werkstattplan pages have no WCAG 2.1 A/AA violations."""

import pytest

from catalogue.demo import load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Quiet:
    def write(self, *args, **kwargs):
        pass


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
