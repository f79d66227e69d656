"""axe-core (WCAG 2.1 A/AA) on /suche/: empty, with filters selected, with no results, and an error."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indexed(site_tree, stolberg):
    from tests.search.conftest import CORPUS, index_corpus

    index_corpus("database", CORPUS)


def test_search_page_empty(indexed, assert_accessible):
    page = assert_accessible("/suche/")
    assert page.page.locator("h1").inner_text() == "Suche"
    assert page.page.locator(".result").count() == 6


def test_search_page_with_filters_selected(indexed, assert_accessible):
    page = assert_accessible(
        "/suche/?q=Schulweg&handlungsfeld=mobilitaet-und-nahversorgung&region=05&sortierung=titel"
    )
    assert page.page.locator(".chip").count() == 3  # two filters and "Alle Filter entfernen"
    assert page.page.locator("mark").count() >= 1


def test_search_page_with_matches_marked_in_titles(indexed, assert_accessible):
    page = assert_accessible("/suche/?q=Radweg")
    assert page.page.locator(".result__title mark").first.inner_text() == "Radweg"


def test_search_page_with_long_facet_opened(indexed, assert_accessible):
    assert_accessible("/suche/?alle=schlagwort&region=05334")


def test_search_page_without_results(indexed, assert_accessible):
    page = assert_accessible("/suche/?q=Raumschiff&art=bericht")
    assert "ohne „Art: Bericht“ suchen" in page.page.content()


def test_search_page_error(indexed, assert_accessible):
    page = assert_accessible("/suche/?art=raumschiff", expect_status=400)
    assert "Unbekannter Wert" in page.page.locator("[role=alert]").inner_text()
