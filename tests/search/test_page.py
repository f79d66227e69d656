"""The search page /suche/ as a visitor sees it: facets as links, chips, results, errors."""

import re
from html import unescape

import pytest


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def links(response):
    html = response.content.decode()
    return {
        re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", label))).strip(): unescape(href)
        for href, label in re.findall(r'<a[^>]*href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
    }


def test_empty_search_lists_everything_public_with_facets(client, corpus):
    response = client.get("/suche/")
    assert response.status_code == 200
    page = text_of(response)
    assert "6 Treffer" in page
    assert "Erika Beispiel" not in page
    assert "Mobilität & Nahversorgung (3)" in page
    assert "Nordrhein-Westfalen (3)" in page
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_a_visitor_narrows_by_action_field_and_region(client, corpus):
    first = client.get("/suche/")
    url = links(first)["Mobilität & Nahversorgung (3)"]
    assert url == "/suche/?handlungsfeld=mobilitaet-und-nahversorgung"
    second = client.get(url)
    assert "3 Treffer" in text_of(second)
    url = links(second)["Nordrhein-Westfalen (2)"]
    third = client.get(url)
    page = text_of(third)
    assert "2 Treffer" in page
    assert "Bürgerbus organisieren" in page and "Sicherer Radweg zur Schule" in page
    # NRW is open: its Kreise are listed; choosing one replaces NRW (drill-down).
    kreis_url = links(third)["Märkischer Kreis (Kreis) (1)"]
    assert "region=05962" in kreis_url and "region=05&" not in kreis_url + "&"
    fourth = client.get(kreis_url)
    assert "1 Treffer" in text_of(fourth)
    # Chips remove one filter each.
    chip_links = links(fourth)
    remove_region = chip_links["Region: Märkischer Kreis (Kreis) × (Filter entfernen)"]
    assert client.get(remove_region).status_code == 200
    assert "region" not in remove_region


def test_selected_value_with_zero_results_stays_listed_and_no_results_help(client, corpus):
    response = client.get("/suche/?art=bericht&handlungsfeld=mobilitaet-und-nahversorgung")
    assert response.status_code == 200
    page = text_of(response)
    assert "Keine Treffer" in page
    assert "Mobilität & Nahversorgung (0) ausgewählt, Filter entfernen" in page
    assert "ohne „Art: Bericht“ suchen" in page
    assert "ohne alle Filter suchen" in page


def test_result_shows_kind_region_date_colour_and_highlight(client, corpus):
    response = client.get("/suche/?q=Mobilit%C3%A4t")
    html = response.content.decode()
    assert (
        '<span class="af-badge af-mobilitaet-und-nahversorgung">Mobilität &amp; Nahversorgung</span>'
        in html
    )
    assert "<mark>Mobilität</mark>" in html
    radweg = client.get("/suche/?q=Radweg").content.decode()
    assert '<a href="/werkzeuge/radweg/">Sicherer <mark>Radweg</mark> zur Schule</a>' in radweg
    page = text_of(response)
    assert "Werkzeug · Märkischer Kreis (Kreis) · 10. Mai 2023" in page
    assert 'style="' not in html


def test_sort_and_pagination_links(client, corpus, settings):
    response = client.get("/suche/?sortierung=titel")
    assert text_of(response).index("Bürgerbus organisieren") < text_of(response).index(
        "Wohnberatung"
    )
    # without words, newest first is the default (no parameter) and there is no "Relevanz"
    assert links(response)["Neueste zuerst"] == "/suche/"
    assert "Relevanz" not in links(response)
    with_words = links(client.get("/suche/?q=Radweg"))
    assert with_words["Neueste zuerst"] == "/suche/?q=Radweg&sortierung=neueste"
    assert with_words["Relevanz"] == "/suche/?q=Radweg"


def test_an_empty_query_lists_newest_content_first(client, corpus):
    page = text_of(client.get("/suche/"))
    # content dates: Bürgerbus 2023, Radweg 2022, Dorfladen 2022-01, Seniorenbeirat 2021
    order = [
        page.index(t)
        for t in ("Bürgerbus", "Sicherer Radweg", "Dorfladen", "Seniorenbeirat gründen")
    ]
    assert order == sorted(order)
    assert (
        '<a href="/suche/" aria-current="true">Neueste zuerst</a>'
        in client.get("/suche/").content.decode()
    )


def test_a_year_only_content_date_shows_the_year(client, corpus):
    import datetime

    from search.contract import YEAR
    from search.indexing import to_document_data, write_documents
    from search.registry import IndexDocument

    write_documents(
        [
            to_document_data(
                "test.year:1",
                IndexDocument(
                    kind="bericht",
                    title="Sozialbericht aus dem Jahr 2016",
                    url="/projekte/sozialbericht-2016/",
                    date=datetime.date(2016, 1, 1),
                    date_precision=YEAR,
                ),
            )
        ]
    )
    html = client.get("/suche/?q=Sozialbericht+2016").content.decode()
    assert '<time datetime="2016">2016</time>' in html
    assert "1. Januar 2016" not in html


def test_long_facets_show_all_via_url(client, corpus):
    from search.indexing import to_document_data, write_documents
    from search.registry import IndexDocument

    tags = [f"Thema {n:02d}" for n in range(12)]
    write_documents(
        [
            to_document_data(
                "test.tags:1",
                IndexDocument(
                    kind="werkzeug",
                    title="Viele Schlagwörter",
                    url="/x/",
                    facets={"schlagwort": tags},
                ),
            )
        ]
    )
    short = client.get("/suche/?q=Schlagw%C3%B6rter")
    assert "Thema 11" not in text_of(short)
    more = [url for label, url in links(short).items() if label.startswith("alle anzeigen")]
    assert more == ["/suche/?q=Schlagw%C3%B6rter&alle=schlagwort"]
    full = client.get(more[0])
    assert "Thema 11 (1)" in text_of(full)
    assert "weniger anzeigen" in text_of(full)


def test_members_search_as_members(client, corpus, member):
    assert "Erika Beispiel" not in text_of(client.get("/suche/?q=Erika"))
    client.force_login(member)
    assert "Erika Beispiel" in text_of(client.get("/suche/?q=Erika"))


def test_staff_search_as_members(client, corpus, editor):
    client.force_login(editor)
    assert "Erika Beispiel" in text_of(client.get("/suche/?q=Erika"))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("_connector=OR", "Unbekannter Suchparameter „_connector“"),
        ("farbe=rot", "Unbekannter Suchparameter „farbe“"),
        ("art=raumschiff", "Unbekannter Wert „raumschiff“ für Art"),
        ("handlungsfeld=gibtsnicht", "Unbekannter Wert „gibtsnicht“ für Handlungsfeld"),
        ("region=99", "Unbekannter Wert „99“ für Region"),
        ("region=05%20OR%201=1", "für Region"),
        ("jahr=zweitausend", "für Jahr"),
        ("schlagwort=Unbekannt", "für Schlagwort"),
        ("seite=9", "Seite 9 gibt es nicht"),
        ("seite=0", "Die Seitenzahl muss"),
        ("seite=abc", "Die Seitenzahl muss"),
        ("sortierung=zufall", "Unbekannte Sortierung"),
        ("q=a&q=b", "darf nur einmal vorkommen"),
        ("q=" + "x" * 501, "zu lang"),
        ("q=Pflege%00", "unzulässige Zeichen"),
        ("alle=farbe", "Unbekannte Facette"),
    ],
)
def test_bad_input_is_a_german_400(client, corpus, query, message):
    response = client.get("/suche/?" + query)
    assert response.status_code == 400
    assert message in text_of(response)
    assert "Neu suchen" in text_of(response)


def test_page_beyond_the_end_but_page_one_of_nothing_is_fine(client, corpus):
    assert client.get("/suche/?q=Raumschiff").status_code == 200
    assert client.get("/suche/?seite=1&q=Raumschiff").status_code == 200
    assert client.get("/suche/?seite=2&q=Raumschiff").status_code == 400


def test_home_page_search_box_leads_here(client, site_tree):
    html = client.get("/").content.decode()
    assert 'action="/suche/"' in html and 'name="q"' in html


def _write(documents):
    from search.indexing import to_document_data, write_documents

    write_documents([to_document_data(key, doc) for key, doc in documents.items()])


def test_measures_fold_under_their_tool_unless_one_matches_better_alone(client, corpus):
    """„+3 Maßnahmen“ in a <details> under the tool; a measure ranked above its tool and a
    measure whose tool is no hit stay entries; an identical entry (link, snippet) is dropped."""
    from search.registry import IndexDocument

    tool_url = "/werkzeuge/katalog/quartiersrunde/"
    documents = {
        "test.tool:1": IndexDocument(
            kind="werkzeug",
            title="Quartiersrunde einrichten",
            url=tool_url,
            summary="Eine Quartiersrunde bringt Träger und Nachbarschaft zusammen.",
        )
    }
    for n, year in enumerate((2019, 2020, 2021), start=1):
        documents[f"test.measure:{n}"] = IndexDocument(
            kind="massnahme",
            title=f"Treffen {year} vorbereiten",
            url=f"{tool_url}#sheet-{year}",
            summary=f"Werkzeugblatt {year} · Quartiersrunde einrichten",
            body="Eine Quartiersrunde bringt Träger und Nachbarschaft zusammen.",
        )
    # the same measure twice (same link, title and text): shown once
    documents["test.measure:4"] = IndexDocument(
        kind="massnahme",
        title="Treffen 2021 vorbereiten",
        url=f"{tool_url}#sheet-2021",
        summary="Werkzeugblatt 2021 · Quartiersrunde einrichten",
        body="Eine Quartiersrunde bringt Träger und Nachbarschaft zusammen.",
    )
    _write(documents)
    html = client.get("/suche/?q=Quartiersrunde").content.decode()
    results = re.search(r'<ol class="result-list".*?</ol>', html, re.S).group(0)
    entries = re.findall(r'<li class="result">', results)
    assert len(entries) == 1, results  # the tool, its measures folded under it
    assert "<summary>+3 Maßnahmen" in results
    assert results.count(f'href="{tool_url}#sheet-2021"') == 1
    assert f'href="{tool_url}#sheet-2019"' in results and "<details" in results

    # a measure whose own title matches ranks above the tool's text match: its own entry
    html = client.get("/suche/?q=Treffen+2020").content.decode()
    results = re.search(r'<ol class="result-list".*?</ol>', html, re.S).group(0)
    assert "<details" not in results
    assert re.findall(r'<h3 class="result__title"><a href="([^"]+)"', results)[0].endswith(
        "#sheet-2020"
    )


def test_a_hit_found_through_its_keywords_shows_them_marked(client, corpus):
    from search.registry import IndexDocument

    _write(
        {
            "test.kw:1": IndexDocument(
                kind="projekt",
                title="Offener Treff am Markt",
                url="/projekte/offener-treff/",
                summary="Ein Raum für alle.",
                facets={
                    "zielgruppe": ["seniorinnen-und-senioren"],
                    "schlagwort": ["Nachbarschaftshilfe"],
                },
            )
        }
    )
    html = client.get("/suche/?q=Nachbarschaftshilfe").content.decode()
    assert "<mark>Nachbarschaftshilfe</mark>" in html
    assert "in der Einordnung (Handlungsfeld, Zielgruppe, Schlagwort, Region):" in html
    html = client.get("/suche/?q=Senioren+Treff").content.decode()
    assert "<mark>Seniorinnen</mark> und <mark>Senioren</mark>" in html
