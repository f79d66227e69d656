"""Every page type of the demo at 390, 768 and 1280 px: no sideways page scrolling, no axe
violations, and markup the Nu HTML Checker finds no error in (WCAG 2.1 SC 4.1.1, BITV 2.0).

Tables may be wider than the phone, but they scroll inside their own region; the page itself
must never be wider than the window (scrollWidth > innerWidth fails). One demo load for all
widths, pages and the markup check keeps this affordable.
"""

import pytest
from django.core.management import call_command

from tests.conftest import Quiet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 768, 1280)


@pytest.fixture
def demo_site(site_tree):
    call_command("load_demo", stdout=Quiet())
    call_command("rebuild_search", stdout=Quiet(), stderr=Quiet())


def page_types():
    """One path per page type: first live page of each Wagtail model, directory pages, search, 404."""
    from django.contrib.auth.models import AnonymousUser
    from wagtail.models import Page

    from network.models import Body, Municipality, Organisation, Person

    paths, seen = [], set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        if type(page) not in seen:
            seen.add(type(page))
            paths.append(page.url)
    paths += [
        "/werkzeuge/werkzeugkatalog-kreis-dueren/runder-tisch-demografie/",  # tool with tool sheets
        "/netzwerk/",
        "/netzwerk/personen/",
        "/netzwerk/organisationen/",
        "/netzwerk/gremien/",
        "/netzwerk/kommunen/",
        Person.objects.visible_to(AnonymousUser()).first().get_absolute_url(),
        Organisation.objects.first().get_absolute_url(),
        Body.objects.first().get_absolute_url(),
        Municipality.objects.get(slug="kreis-dueren").get_absolute_url(),
        "/suche/",
        "/suche/?q=wohnen&handlungsfeld=leben-und-wohnen",
        # measures with their facets; a tool with progress, quality badge and measure budgets
        "/suche/?art=massnahme&beratung=nein&budget=unter-1000&budget=1000-10000",
        # a tool with its measures folded under it, a match in its evaluation PDF, its year
        "/suche/?q=Mitfahrb%C3%A4nke",
        "/werkzeuge/werkzeugkatalog-kreis-dueren/buergerbus-rureifel/",
        "/anmelden/",
        "/netzwerk/nachricht/",  # the contact form
        "/offene-daten/",
    ]
    return paths


def test_every_page_type_fits_three_widths_without_axe_or_markup_errors(
    demo_site, browser, live_server
):
    from tests.conftest import BrowserPage

    from .markup import markup_errors

    paths = page_types()
    assert len(paths) >= 20, paths
    problems, sources = [], {}
    for width in WIDTHS:
        context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 900})
        page = BrowserPage(context.new_page(), live_server.url)
        for path in paths + ["/gibt-es-nicht/"]:
            response = page.goto(path)
            expected = 404 if path == "/gibt-es-nicht/" else 200
            if response.status != expected:
                problems.append(f"{width} px {path}: HTTP {response.status}")
                continue
            sources.setdefault(path, response.text())  # the served source, not the live DOM
            scroll, inner = page.page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll > inner:
                problems.append(f"{width} px {path}: Seite {scroll} px breit (Fenster {inner} px)")
            for violation in page.axe_violations():
                targets = [n["target"] for n in violation["nodes"]][:3]
                problems.append(f"{width} px {path}: axe {violation['id']} {targets}")
        assert not page.foreign_hosts(), page.foreign_hosts()
        context.close()
    problems += markup_errors(sources)
    assert not problems, "\n".join(problems)


def test_the_markup_check_can_fail():
    """The checker reports what the issue found (duplicate attributes, an empty form action)."""
    from .markup import markup_errors

    broken = (
        '<!doctype html><html lang="de"><head><title>x</title></head><body>'
        '<form action=""><input type="search" type="text" name="q"></form></body></html>'
    )
    errors = markup_errors({"/kaputt/": broken})
    assert any("Duplicate attribute" in error for error in errors), errors
    assert any("/kaputt/" in error and "action" in error for error in errors), errors


def test_the_overflow_check_can_fail(site_tree, browser_page):
    """The harness sees a too-wide element (the check above is not vacuous); the home page
    alone is enough for that."""
    browser_page.page.set_viewport_size({"width": 390, "height": 900})
    browser_page.goto("/")
    browser_page.page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<p class=\"visually-hidden\">x</p><div class=\"x\"></div>');"
        "const t = document.createElement('table'); t.innerHTML = '<tr><td>' + 'Demografie'.repeat(60) + '</td></tr>';"
        "document.querySelector('main').append(t);"
    )
    scroll, inner = browser_page.page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll > inner


def test_wide_tables_scroll_in_their_region_with_hint_and_sticky_first_column(
    demo_site, browser_page
):
    from projects.models import DataReportPage

    report = DataReportPage.objects.live().first()
    browser_page.page.set_viewport_size({"width": 390, "height": 900})
    browser_page.goto(report.url)
    region = browser_page.page.locator(".table-scroll").first
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # the table is wider ...
    assert (
        browser_page.page.evaluate("document.documentElement.scrollWidth") == 390
    )  # ... the page not
    assert "seitlich wischen" in browser_page.page.locator(".scroll-hint").first.inner_text()
    first_cell = browser_page.page.locator(".data-table tbody th").first
    assert first_cell.evaluate("el => getComputedStyle(el).position") == "sticky"
    region.evaluate("el => { el.scrollLeft = 300; }")
    assert first_cell.bounding_box()["x"] < 40  # still at the left edge after scrolling
    # Chart text stays legible on the phone: at least 12 px rendered.
    label = browser_page.page.locator(".chart__label").first
    assert label.bounding_box()["height"] >= 12


def test_search_on_a_phone_shows_results_first_and_folds_the_filters(demo_site, browser_page):
    browser_page.page.set_viewport_size({"width": 390, "height": 900})
    browser_page.goto("/suche/?handlungsfeld=leben-und-wohnen")
    toggle = browser_page.page.locator("summary.facets__toggle")
    assert toggle.inner_text().startswith("Filter (1)")
    assert not browser_page.page.locator(".facet h3").first.is_visible()
    assert browser_page.page.locator(".result").first.bounding_box()["y"] < 900
    toggle.click()
    assert browser_page.page.locator(".facet h3").first.is_visible()
    assert "„oder“" in browser_page.page.locator(".facets__hint").inner_text()
    # On the desktop the filters stand unfolded beside the results, without a click.
    browser_page.page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.goto("/suche/?handlungsfeld=leben-und-wohnen")
    assert browser_page.page.locator(".facet h3").first.is_visible()


def test_plan_fits_the_desktop_and_links_its_tools(demo_site, browser_page):
    browser_page.page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.goto("/werkzeuge/werkstattplan-musterkommune/")
    region = browser_page.page.locator(".table-scroll").first
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth")  # no sideways scrolling
    link = browser_page.page.get_by_role("link", name="Runder Tisch Demografie").first
    assert link.get_attribute("href").endswith("/runder-tisch-demografie/")
    assert browser_page.page.locator(".plan-field").count() == 4
