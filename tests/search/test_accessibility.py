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
    from search.models import SearchDocument

    # an empty query lists everything public: the corpus and the site tree's content pages
    public = SearchDocument.objects.filter(visibility="public").count()
    assert public > 6 and page.page.locator(".result").count() == public


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


def test_search_page_with_grouped_measures_document_text_and_years(indexed, assert_accessible):
    """A tool with its measures unfolded, a hit found in a document, year-only dates: axe on
    the open <details> at phone width, and the measures are reachable without script."""
    import datetime

    from search.attachments import MARK
    from search.contract import YEAR
    from search.indexing import to_document_data, write_documents
    from search.registry import IndexDocument

    tool = "/werkzeuge/katalog/quartiersrunde/"
    documents = {
        "a11y.tool:1": IndexDocument(
            kind="werkzeug",
            title="Quartiersrunde einrichten",
            url=tool,
            summary="Die Quartiersrunde bringt Träger und Nachbarschaft an einen Tisch.",
            date=datetime.date(2015, 1, 1),
            date_precision=YEAR,
        ),
        "a11y.report:1": IndexDocument(
            kind="bericht",
            title="Stadtteilbericht Nord",
            url="/projekte/stadtteilbericht-nord/",
            summary="Lage und Angebote im Norden.",
            body=f"Ablauf.\n{MARK} Evaluation Stadtteil\nDie Quartiersrunde tagt viermal.",
            date=datetime.date(2016, 1, 1),
            date_precision=YEAR,
        ),
        **{
            f"a11y.measure:{year}": IndexDocument(
                kind="massnahme",
                title=f"Treffen {year} vorbereiten",
                url=f"{tool}#sheet-{year}",
                summary=f"Werkzeugblatt {year} · Quartiersrunde einrichten",
            )
            for year in (2016, 2017, 2018)
        },
    }
    write_documents([to_document_data(key, doc) for key, doc in documents.items()])
    page = assert_accessible("/suche/?q=Quartiersrunde")
    browser = page.page
    browser.set_viewport_size({"width": 390, "height": 900})
    results = browser.locator(".result-list").inner_text()
    assert "im Dokument »Evaluation Stadtteil«" in results, results
    assert browser.locator("time[datetime='2015']").inner_text() == "2015"
    browser.locator(".result__measures summary").focus()
    browser.keyboard.press("Enter")  # the keyboard opens it, no script of ours
    assert browser.locator(".result__measure-list a").count() == 3
    assert browser.locator(".result__measure-list a").first.is_visible()
    assert page.axe_violations() == []
    scroll, inner = browser.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
