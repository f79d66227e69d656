"""The search page over the demo, as a visitor clicks through it: facet counts say what a click
finds, a tool's measures fold under it, the text of a demo PDF and a Werkstattplan are found."""

import re
from html import unescape

import pytest

from tests.werkstatt.test_query_counts import demo, world  # noqa: F401 (demo, rolled back after)

pytestmark = pytest.mark.django_db

FACET_ITEM = re.compile(
    r'<li class="facet__item[^"]*">\s*<a href="([^"]+)"( class="is-selected")?>.*?'
    r'<span class="facet__label">([^<]*)</span> <span class="facet__count">\((\d+)\)</span>',
    re.S,
)
TOTAL = re.compile(r'<h2 id="results-title"[^>]*>(?:(\d+) Treffer|Keine Treffer)')


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def total_of(html):
    found = TOTAL.search(html).group(1)
    return int(found) if found else 0


def facet_links(html):
    """[(facet, label, shown count, url)] of every value not selected, from the page's lists."""
    links = []
    for facet, body in re.findall(
        r'<section class="facet facet--(\w+)"(.*?)</section>', html, re.S
    ):
        for url, selected, label, count in FACET_ITEM.findall(body):
            if not selected:
                links.append((facet, unescape(label), int(count), unescape(url)))
    return links


@pytest.mark.parametrize(
    "start",
    [
        "/suche/?region=05",  # a Land selected: other Länder are added, its Kreise replace it
        "/suche/?region=05358",  # a Kreis selected: other Kreise and Länder
        "/suche/?region=05358&region=13",  # two regions: a click keeps the unrelated one
        "/suche/?q=Demografie&region=05",
        "/suche/?art=werkzeug&region=05358&region=05334",
    ],
)
def test_every_facet_count_is_what_the_click_finds(client, world, start):  # noqa: F811
    """Region counts while regions are selected, and the counts of every facet without a
    selection of its own: the number in brackets is the number of hits after the click."""
    html = page(client, start)
    links = facet_links(html)
    selected_facets = {name for name in re.findall(r"[?&](\w+)=", start) if name != "q"}
    checked = []
    for facet, label, count, url in links:
        if facet != "region" and facet in selected_facets:
            continue  # OR within a non-region facet: counted without its own filter (README)
        assert total_of(page(client, url)) == count, (start, facet, label, count, url)
        checked.append(facet)
    assert checked.count("region") >= 2 and len(set(checked)) >= 3, checked


def test_a_demo_pdfs_text_finds_the_tool_that_carries_it(client, world):  # noqa: F811
    html = page(client, "/suche/?q=Haltestellen")
    assert total_of(html) == 1
    assert "im Dokument »Evaluation Mitfahrbänke Kreis Düren 2019«" in html
    assert "<mark>Haltestellen</mark>" in html


def test_a_tools_measures_fold_under_it_and_dates_are_years(client, world):  # noqa: F811
    html = page(client, "/suche/?q=Mitfahrb%C3%A4nke")
    results = re.search(r'<ol class="result-list".*?</ol>', html, re.S).group(0)
    first = re.search(r'<li class="result">.*?</li>\s*(?=<li class="result">|</ol>)', results, re.S)
    assert "Mitfahrbänke" in first.group(0)
    assert re.search(r"<summary>\+3 Maßnahmen", first.group(0))
    # no measure outside its tool's list; the tool's first year, not a day
    titles = re.findall(r'<h3 class="result__title"><a href="([^"]+)"', results)
    assert not any("#sheet-" in url for url in titles), titles
    assert '<time datetime="2018">2018</time>' in first.group(0)
    assert "im Dokument »Evaluation Mitfahrbänke Kreis Düren 2019«" in first.group(0)
    assert "1. Januar" not in results


def test_the_werkstattplan_is_found_by_a_planned_step(client, world):  # noqa: F811
    html = page(client, "/suche/?q=Schnittstellen&art=werkstattplan")
    assert total_of(html) == 1 and "Werkstattplan Musterkommune" in html
    assert "Werkstattplan (1)" in re.sub(r"<[^>]+>", "", html)
