"""axe-core (WCAG 2.1 A/AA) in headless Chromium on the home page and a standard page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_has_no_axe_violations_and_no_foreign_hosts(site_tree, assert_accessible):
    page = assert_accessible("/")
    assert page.page.locator("h1").first.inner_text()


def test_standard_page_has_no_axe_violations(site_tree, assert_accessible):
    assert_accessible("/barrierefreiheit/")


def test_skip_link_moves_focus_to_main(site_tree, browser_page):
    browser_page.goto("/")
    browser_page.page.keyboard.press("Tab")
    focused = browser_page.page.evaluate("document.activeElement.textContent")
    assert "Zum Inhalt springen" in focused


def test_axe_harness_detects_a_violation(site_tree, browser_page):
    """The harness must be able to fail: an image without alt text is reported."""
    browser_page.goto("/")
    browser_page.page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/werkstatt/icons/favicon.svg\">')"
    )
    ids = {v["id"] for v in browser_page.axe_violations()}
    assert "image-alt" in ids


def test_home_page_prints_without_navigation(site_tree, browser_page):
    browser_page.goto("/")
    browser_page.page.emulate_media(media="print")
    assert not browser_page.page.locator(".main-nav").is_visible()
    assert not browser_page.page.locator("form[role=search]").is_visible()
    assert browser_page.page.locator("h1").is_visible()
    pdf = browser_page.page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
