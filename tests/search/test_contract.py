"""The search contract, run on every available backend (see `search_backend` in conftest.py)."""

import datetime

import pytest

from search.contract import MEMBERS, SearchRequest


def search(backend, q="", viewer="public", sort="relevanz", page=1, page_size=20, **filters):
    request = SearchRequest(
        q=q,
        filters={k: tuple(v) for k, v in filters.items()},
        sort=sort,
        page=page,
        page_size=page_size,
        viewer=viewer,
    )
    return backend.search(request)


def titles(response):
    return [hit.title for hit in response.hits]


def counts(response, facet):
    return {b.value: b.count for b in response.facets[facet]}


def test_full_text_finds_title_and_body(search_backend):
    assert titles(search(search_backend, "Dorfladen")) == ["Dorfladen an der Straße"]
    assert titles(search(search_backend, "Paketstation")) == ["Dorfladen an der Straße"]
    assert search(search_backend, "Quasar").total == 0


def test_all_words_match_else_the_best_partial_matches(search_backend):
    assert titles(search(search_backend, "Beirat Satzung")) == ["Seniorenbeirat gründen"]
    partial = search(search_backend, "Beirat Paketstation")  # no document has both
    assert {"Seniorenbeirat gründen", "Dorfladen an der Straße"} <= set(titles(partial))
    assert partial.left_out in (("Paketstation",), ("Beirat",))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Senioren", "Seniorenbeirat gründen"),  # "Seniorinnen und Senioren"
        ("Radwege", "Sicherer Radweg zur Schule"),  # stemming: Radwege -> Radweg
        ("Strasse", "Dorfladen an der Straße"),  # ß folds to ss
        ("Mobilitaet", "Bürgerbus organisieren"),  # ae for ä
        ("MOBILITÄT", "Bürgerbus organisieren"),
        ("Buergerbus", "Bürgerbus organisieren"),
    ],
)
def test_german_stemming_and_folding(search_backend, query, expected):
    assert expected in titles(search(search_backend, query))


def test_title_match_ranks_above_body_match(search_backend):
    # "Radweg" is the title of one document and in the body of the Sozialbericht ("Radwege").
    assert titles(search(search_backend, "Radweg")) == [
        "Sicherer Radweg zur Schule",
        "Sozialbericht Bremerhaven 2020",
    ]


def test_a_title_that_is_the_query_comes_first(search_backend):
    from search.indexing import to_document_data, write_documents
    from search.registry import IndexDocument

    extra = {
        "test.doc:8": IndexDocument(
            kind="kommune",
            title="Kreis Düren",
            url="/netzwerk/kommunen/kreis-dueren/",
            summary="Verwaltung, Kreistag und Landrat.",
        ),
        "test.doc:9": IndexDocument(
            kind="bericht",
            title="Kreis Düren 2030",
            url="/projekte/demografiebericht-kreis-dueren/",
            date=datetime.date(2024, 6, 1),
            summary="Der Kreis Düren wächst im Norden, der Kreis Düren altert im Süden.",
            body="Kreis Düren, Kreis Düren, Kreis Düren: Zahlen für jede Gemeinde im Kreis Düren.",
        ),
    }
    write_documents([to_document_data(key, doc) for key, doc in extra.items()])
    assert titles(search(search_backend, "kreis  dueren"))[:2] == [
        "Kreis Düren",
        "Kreis Düren 2030",
    ]


def test_stop_words_do_not_have_to_match(search_backend):
    partial = search(search_backend, "Laden in der Stadt")  # "Stadt" is not in it
    assert titles(partial)[0] == "Dorfladen an der Straße" and partial.left_out == ("Stadt",)
    assert titles(search(search_backend, "der Laden")) == ["Dorfladen an der Straße"]


def test_names_of_facet_values_are_searchable(search_backend):
    """Names of action fields, target groups, tags and regions (with their ancestors) are text."""
    assert titles(search(search_backend, "Engagement")) == ["Seniorenbeirat gründen"]  # field
    assert set(titles(search(search_backend, "Engagement", viewer=MEMBERS))) == {
        "Seniorenbeirat gründen",
        "Erika Beispiel",
    }
    assert titles(search(search_backend, "Jugendliche")) == ["Sicherer Radweg zur Schule"]
    assert titles(search(search_backend, "Verkehr")) == ["Sicherer Radweg zur Schule"]  # tag
    assert set(titles(search(search_backend, "Nordrhein-Westfalen"))) == {
        "Seniorenbeirat gründen",
        "Bürgerbus organisieren",
        "Sicherer Radweg zur Schule",
    }
    assert titles(search(search_backend, "Schule Dueren")) == ["Sicherer Radweg zur Schule"]
    assert search(search_backend, "Radweg Aachen").left_out == ("Aachen",)  # it is in Düren


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("art", "projekt", {"Dorfladen an der Straße"}),
        ("handlungsfeld", "bildung", {"Sicherer Radweg zur Schule"}),
        ("zielgruppe", "kinder-und-jugendliche", {"Sicherer Radweg zur Schule"}),
        ("status", "bestehend", {"Seniorenbeirat gründen", "Wohnberatung im Quartier"}),
        ("schlagwort", "Ehrenamt", {"Seniorenbeirat gründen", "Bürgerbus organisieren"}),
        ("jahr", "2022", {"Sicherer Radweg zur Schule", "Dorfladen an der Straße"}),
        ("region", "04012", {"Sozialbericht Bremerhaven 2020"}),
    ],
)
def test_every_facet_filters(search_backend, facet, value, expected):
    response = search(search_backend, **{facet: [value]})
    assert set(titles(response)) == expected
    assert response.total == len(expected)


def test_or_within_a_facet_and_across_facets(search_backend):
    either = search(search_backend, handlungsfeld=["bildung", "leben-und-wohnen"])
    assert set(titles(either)) == {"Sicherer Radweg zur Schule", "Wohnberatung im Quartier"}
    both = search(
        search_backend, handlungsfeld=["bildung", "leben-und-wohnen"], status=["bestehend"]
    )
    assert titles(both) == ["Wohnberatung im Quartier"]


def test_disjunctive_counts_worked_example(search_backend):
    # Handlungsfeld Mobilität: Bürgerbus, Radweg, Dorfladen.
    one = search(search_backend, handlungsfeld=["mobilitaet-und-nahversorgung"])
    assert one.total == 3
    # Its own facet is counted without its own filter: all six public documents.
    assert counts(one, "handlungsfeld") == {
        "mobilitaet-und-nahversorgung": 3,
        "buergerbeteiligung-und-engagement": 1,
        "bildung": 1,
        "demografienetzwerk-und-verwaltung": 1,
        "leben-und-wohnen": 1,
    }
    assert counts(one, "art") == {"werkzeug": 2, "projekt": 1}
    assert counts(one, "status") == {"neu": 2}
    assert counts(one, "region") == {"05": 2, "13": 1}

    # Add Nordrhein-Westfalen: Bürgerbus and Radweg remain.
    two = search(search_backend, handlungsfeld=["mobilitaet-und-nahversorgung"], region=["05"])
    assert two.total == 2
    # handlungsfeld counted with the region filter only: Seniorenbeirat (Stolberg) comes back.
    assert counts(two, "handlungsfeld") == {
        "mobilitaet-und-nahversorgung": 2,
        "buergerbeteiligung-und-engagement": 1,
        "bildung": 1,
    }
    # region counted with the handlungsfeld filter only; NRW is open, so its Kreise are listed.
    # A region counts what a click on it finds: a Kreis of NRW replaces NRW (its own count),
    # Mecklenburg-Vorpommern is added to NRW (2 + the Dorfladen: 3).
    assert counts(two, "region") == {"05": 2, "13": 3, "05962": 1, "05358": 1}
    assert (
        search(
            search_backend, handlungsfeld=["mobilitaet-und-nahversorgung"], region=["05", "13"]
        ).total
        == 3
    )
    assert counts(two, "jahr") == {"2023": 1, "2022": 1}


def test_buckets_carry_labels_not_ids(search_backend):
    response = search(search_backend, handlungsfeld=["mobilitaet-und-nahversorgung"], region=["05"])
    labels = {b.value: b.label for facet in response.facets.values() for b in facet}
    assert labels["mobilitaet-und-nahversorgung"] == "Mobilität & Nahversorgung"
    assert labels["05"] == "Nordrhein-Westfalen"
    assert labels["05962"] == "Märkischer Kreis (Kreis)"
    assert labels["werkzeug"] == "Werkzeug"
    assert labels["neu"] == "neu"


def test_region_is_hierarchical(search_backend):
    # A Land finds what is located in its Kreise and Gemeinden.
    nrw = search(search_backend, region=["05"])
    assert set(titles(nrw)) == {
        "Seniorenbeirat gründen",
        "Bürgerbus organisieren",
        "Sicherer Radweg zur Schule",
    }
    # Without a selection only Länder are listed; Regierungsbezirke never.
    top = search(search_backend)
    assert [(b.value, b.level) for b in top.facets["region"]] == [
        ("05", 0),
        ("04", 0),
        ("13", 0),
    ]
    # A selected Kreis opens its Land and lists its Gemeinden.
    kreis = search(search_backend, region=["05334"])
    listed = [(b.value, b.level, b.parent, b.selected) for b in kreis.facets["region"]]
    assert ("05", 0, "", False) in listed
    assert ("05334", 1, "05", True) in listed
    assert ("05334032", 2, "05334", False) in listed
    assert listed.index(("05", 0, "", False)) < listed.index(("05334", 1, "05", True))


def test_selected_values_are_listed_at_zero(search_backend):
    response = search(
        search_backend, art=["bericht"], handlungsfeld=["mobilitaet-und-nahversorgung"]
    )
    assert response.total == 0
    hf = {b.value: (b.count, b.selected) for b in response.facets["handlungsfeld"]}
    assert hf["mobilitaet-und-nahversorgung"] == (0, True)
    assert hf["demografienetzwerk-und-verwaltung"] == (1, False)
    art = {b.value: (b.count, b.selected) for b in response.facets["art"]}
    assert art["bericht"] == (0, True)
    assert art["werkzeug"] == (2, False)


def test_selected_region_at_zero_is_listed_in_its_place(search_backend):
    response = search(search_backend, region=["13076"], handlungsfeld=["leben-und-wohnen"])
    listed = {(b.value, b.count, b.selected) for b in response.facets["region"]}
    assert ("13076", 0, True) in listed
    assert ("13", 0, False) in listed


def test_public_viewer_never_sees_members_documents(search_backend):
    assert search(search_backend, "Erika").total == 0
    assert search(search_backend).total == 6
    assert "kontakt" not in counts(search(search_backend), "art")
    members = search(search_backend, "Erika", viewer=MEMBERS)
    assert titles(members) == ["Erika Beispiel"]
    assert counts(search(search_backend, viewer=MEMBERS), "art")["kontakt"] == 1


def test_sorting(search_backend):
    by_title = titles(search(search_backend, sort="titel"))
    assert by_title == [
        "Bürgerbus organisieren",
        "Dorfladen an der Straße",
        "Seniorenbeirat gründen",
        "Sicherer Radweg zur Schule",
        "Sozialbericht Bremerhaven 2020",
        "Wohnberatung im Quartier",
    ]
    newest = titles(search(search_backend, sort="neueste"))
    assert newest == [
        "Bürgerbus organisieren",
        "Sicherer Radweg zur Schule",
        "Dorfladen an der Straße",
        "Seniorenbeirat gründen",
        "Sozialbericht Bremerhaven 2020",
        "Wohnberatung im Quartier",  # undated last
    ]


def test_pagination(search_backend):
    pages = [titles(search(search_backend, sort="titel", page=n, page_size=4)) for n in (1, 2)]
    assert pages[0] == [
        "Bürgerbus organisieren",
        "Dorfladen an der Straße",
        "Seniorenbeirat gründen",
        "Sicherer Radweg zur Schule",
    ]
    assert pages[1] == ["Sozialbericht Bremerhaven 2020", "Wohnberatung im Quartier"]
    assert search(search_backend, sort="titel", page=2, page_size=4).total == 6


def test_hits_carry_what_the_result_list_shows(search_backend):
    hit = search(search_backend, "Bürgerbus").hits[0]
    assert hit.kind == "werkzeug"
    assert hit.url == "/werkzeuge/buergerbus/"
    assert hit.region_label == "Märkischer Kreis (Kreis)"
    assert hit.action_field_colour == "mobilitaet-und-nahversorgung"
    assert hit.date.isoformat() == "2023-05-10"
    assert search_backend.search(SearchRequest()).backend == search_backend.name


def test_highlighting_marks_matches_and_escapes_html(search_backend):
    hit = search(search_backend, "Senioren").hits[0]
    assert "<mark>Senioren</mark>" in hit.highlight
    radweg = search(search_backend, "Schulweg").hits[0]
    assert "<mark>Schulweg</mark>" in radweg.highlight
    assert "Kinder &lt;und&gt; Eltern" in radweg.highlight
    assert "<und>" not in radweg.highlight


def test_title_highlighting(search_backend):
    by_title = {hit.title: hit for hit in search(search_backend, "Radweg").hits}
    assert by_title["Sicherer Radweg zur Schule"].title_highlight == (
        "Sicherer <mark>Radweg</mark> zur Schule"
    )
    assert by_title["Sozialbericht Bremerhaven 2020"].title_highlight == ""  # body match only
    assert search(search_backend, "Straße").hits[0].title_highlight == (
        "Dorfladen an der <mark>Straße</mark>"
    )
    assert all(hit.title_highlight == "" for hit in search(search_backend).hits)  # no words


def test_autocomplete_by_word_prefix(search_backend):
    assert search_backend.autocomplete("Bürg") == ["Bürgerbus organisieren"]
    assert search_backend.autocomplete("buerg") == ["Bürgerbus organisieren"]
    assert search_backend.autocomplete("radw") == ["Sicherer Radweg zur Schule"]
    assert search_backend.autocomplete("Erika") == []
    assert search_backend.autocomplete("Erika", viewer=MEMBERS) == ["Erika Beispiel"]
    assert search_backend.autocomplete("%") == []


def test_title_above_body_also_for_very_common_words(search_backend, monkeypatch):
    """The database backend ranks huge match sets in tiers (title, summary, body), not per row."""
    if search_backend.name != "database":
        pytest.skip("nur die Stufenrangfolge des Datenbank-Backends")
    monkeypatch.setattr(search_backend, "exact_rank_limit", 0)
    assert titles(search(search_backend, "Radweg")) == [
        "Sicherer Radweg zur Schule",
        "Sozialbericht Bremerhaven 2020",
    ]
    assert titles(search(search_backend, "Beirat"))[0] == "Seniorenbeirat gründen"
    # Both tiers and the exact ranking find the same documents.
    monkeypatch.setattr(search_backend, "exact_rank_limit", 10_000)
    exact = search(search_backend, "Beirat")
    monkeypatch.setattr(search_backend, "exact_rank_limit", 0)
    assert search(search_backend, "Beirat").total == exact.total
