"""Canned Elasticsearch answers parsed through the real response classes into our SearchResponse.

The JSON below is what Elasticsearch 8/9 returns for the request `WerkstattSearch` builds
(hits with highlight, `hits.total` as an object, one `filter` aggregation per facet).
"""

import json
from datetime import date

import pytest

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.results import to_search_response
from search.contract import FACETS, PUBLIC, SearchRequest

REQUEST = SearchRequest(
    q="Bürgerbus",
    filters={
        "handlungsfeld": ("mobilitaet-und-nahversorgung", "gesellschaftliche-teilhabe"),
        "region": ("05",),
    },
    viewer=PUBLIC,
)


def source(key, kind, title, **extra):
    data = {
        "key": key,
        "kind": kind,
        "title": title,
        "summary": "",
        "body": "",
        "url": f"/{key}/",
        "date": None,
        "visibility": "public",
        "region_label": "",
        "action_field_colour": "",
        "fingerprint": "x",
        "art": [kind],
    }
    data.update(extra)
    return data


def terms(*buckets):
    return {
        "doc_count_error_upper_bound": 0,
        "sum_other_doc_count": 0,
        "buckets": [{"key": key, "doc_count": count} for key, count in buckets],
    }


CANNED = {
    "took": 4,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 4, "relation": "eq"},
        "max_score": 5.1,
        "hits": [
            {
                "_index": "werkstatt-v20261121102030000000",
                "_id": "catalogue.toolpage:7",
                "_score": 5.1,
                "_source": source(
                    "catalogue.toolpage:7",
                    "werkzeug",
                    "Bürgerbus Lüdenscheid",
                    summary="Ehrenamtliche fahren den Bürgerbus durch die Ortsteile.",
                    date="2025-03-14",
                    region_label="Lüdenscheid",
                    action_field_colour="mobilitaet-und-nahversorgung",
                    handlungsfeld=["mobilitaet-und-nahversorgung"],
                    region=["05", "059", "05962", "05962032"],
                ),
                "highlight": {
                    "summary": [
                        "Ehrenamtliche fahren den <mark>Bürgerbus</mark> durch die Ortsteile."
                    ],
                    "title": ["<mark>Bürgerbus</mark> Lüdenscheid"],
                },
                "sort": [5.1, 1741910400000, "burgerbus ludenscheid"],
            },
            {
                "_index": "werkstatt-v20261121102030000000",
                "_id": "projects.projectpage:3",
                "_score": 2.0,
                "_source": source(
                    "projects.projectpage:3",
                    "projekt",
                    "Mobil im Alter",
                    summary="Rufbus & Bürgerbus <für> die Städteregion.",
                    region_label="Städteregion Aachen",
                    region=["05", "053", "05334"],
                ),
                "sort": [2.0, None, "mobil im alter"],
            },
        ],
    },
    "aggregations": {
        "_filter_art": {"doc_count": 4, "art": terms(("werkzeug", 3), ("projekt", 1))},
        "_filter_handlungsfeld": {
            "doc_count": 6,
            "handlungsfeld": terms(("mobilitaet-und-nahversorgung", 4), ("leben-und-wohnen", 2)),
        },
        "_filter_region": {
            "doc_count": 5,
            "region": terms(("05", 4), ("05334", 2), ("05962", 2), ("13", 1)),
        },
        "_filter_zielgruppe": {"doc_count": 4, "zielgruppe": terms()},
        "_filter_status": {"doc_count": 4, "status": terms(("neu", 2), ("bestehend", 1))},
        "_filter_schlagwort": {"doc_count": 4, "schlagwort": terms(("Bürgerbus", 3))},
        "_filter_jahr": {"doc_count": 4, "jahr": terms(("2023", 1), ("2025", 3))},
        "_filter_monat": {"doc_count": 0, "monat": terms()},
        "_filter_budget": {"doc_count": 0, "budget": terms()},
        "_filter_beratung": {"doc_count": 0, "beratung": terms()},
        "_filter_fortschritt": {"doc_count": 1, "fortschritt": terms(("umgesetzt", 1))},
        "_filter_qualitaet": {"doc_count": 0, "qualitaet": terms()},
    },
}


@pytest.fixture
def response(db):
    faceted = ElasticsearchBackend(url="http://127.0.0.1:9").build_search(REQUEST)
    return to_search_response(REQUEST, faceted.response_from(CANNED), backend="elasticsearch")


def buckets(response, facet):
    return [(b.value, b.label, b.count, b.selected) for b in response.facets[facet]]


def test_total_comes_from_hits_total_not_from_the_page(response):
    assert response.total == 4
    assert len(response.hits) == 2
    assert response.backend == "elasticsearch"
    assert response.request is REQUEST
    assert response.notice == ""


def test_hits_carry_the_contract_fields(response):
    first, second = response.hits
    assert first.id == "catalogue.toolpage:7"
    assert first.kind == "werkzeug"
    assert first.title == "Bürgerbus Lüdenscheid"
    assert first.url == "/catalogue.toolpage:7/"
    assert first.date == date(2025, 3, 14)
    assert first.region_label == "Lüdenscheid"
    assert first.action_field_colour == "mobilitaet-und-nahversorgung"
    # the summary's marked excerpt, as the database backend prefers it
    assert first.highlight == "Ehrenamtliche fahren den <mark>Bürgerbus</mark> durch die Ortsteile."
    assert first.title_highlight == "<mark>Bürgerbus</mark> Lüdenscheid"
    assert second.date is None
    assert second.title_highlight == ""  # no match in the title: the page shows the plain title


def test_hit_without_highlight_shows_the_escaped_summary(response):
    assert response.hits[1].highlight == "Rufbus &amp; Bürgerbus &lt;für&gt; die Städteregion."


def test_buckets_have_labels_and_selected_values_at_zero(response):
    assert buckets(response, "handlungsfeld") == [
        ("mobilitaet-und-nahversorgung", "Mobilität & Nahversorgung", 4, True),
        ("leben-und-wohnen", "Leben & Wohnen", 2, False),
        ("gesellschaftliche-teilhabe", "Gesellschaftliche Teilhabe", 0, True),
    ]
    assert buckets(response, "art") == [
        ("werkzeug", "Werkzeug", 3, False),
        ("projekt", "Projekt", 1, False),
    ]
    assert buckets(response, "status") == [
        ("neu", "neu", 2, False),
        ("bestehend", "bestehend", 1, False),
    ]
    assert buckets(response, "zielgruppe") == []
    assert buckets(response, "schlagwort") == [("Bürgerbus", "Bürgerbus", 3, False)]
    assert [b.value for b in response.facets["jahr"]] == ["2025", "2023"]  # newest first


def test_region_facet_is_a_drill_down_below_the_selected_land(response):
    assert [
        (b.value, b.label, b.count, b.selected, b.level) for b in response.facets["region"]
    ] == [
        ("05", "Nordrhein-Westfalen", 4, True, 0),
        ("05962", "Märkischer Kreis (Kreis)", 2, False, 1),
        ("05334", "Städteregion Aachen (Kreis)", 2, False, 1),
        ("13", "Mecklenburg-Vorpommern", 1, False, 0),
    ]


def test_an_empty_answer_still_lists_the_selected_values(db):
    request = SearchRequest(q="Xylophon", filters={"status": ("neu",), "region": ("05962",)})
    empty = {
        "took": 1,
        "timed_out": False,
        "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
        "aggregations": {f"_filter_{name}": {"doc_count": 0, name: terms()} for name in FACETS},
    }
    faceted = ElasticsearchBackend(url="http://127.0.0.1:9").build_search(request)
    result = to_search_response(request, faceted.response_from(empty), backend="elasticsearch")
    assert result.total == 0 and result.hits == []
    assert buckets(result, "status") == [("neu", "neu", 0, True)]
    # the path down to the selected Kreis stays visible, at zero
    assert [(b.value, b.count, b.selected) for b in result.facets["region"]] == [
        ("05", 0, False),
        ("05962", 0, True),
    ]


def test_region_roll_up_counts_and_marks_hits(db):
    """With a Gemeinde selected, a Kreis-wide hit is marked and the region buckets count the
    region-wide documents of the enclosing regions (the `region_own` aggregation)."""
    request = SearchRequest(filters={"region": ("05334032",)})
    canned = {
        **CANNED,
        "hits": {
            "total": {"value": 3, "relation": "eq"},
            "max_score": None,
            "hits": [
                {
                    "_index": "werkstatt-v1",
                    "_id": "k",
                    "_score": None,
                    "_source": source(
                        "test.doc:k",
                        "werkzeug",
                        "Pflegestützpunkt der StädteRegion",
                        region=["05", "053", "05334"],
                        region_own=["05334"],
                    ),
                },
                {
                    "_index": "werkstatt-v1",
                    "_id": "g",
                    "_score": None,
                    "_source": source(
                        "test.doc:g",
                        "werkzeug",
                        "Seniorenbeirat gründen",
                        region=["05", "053", "05334", "05334032"],
                        region_own=["05334032"],
                    ),
                },
            ],
        },
        "aggregations": {
            **CANNED["aggregations"],
            "_filter_region": {
                "doc_count": 9,
                "region": terms(("05", 4), ("05334", 2), ("05334032", 1)),
                "region_own": terms(("05", 1), ("05334", 1), ("05334032", 1)),
            },
        },
    }
    faceted = ElasticsearchBackend(url="http://127.0.0.1:9").build_search(request)
    result = to_search_response(request, faceted.response_from(canned), backend="elasticsearch")
    assert [hit.scope_note for hit in result.hits] == ["gilt für den ganzen Kreis", ""]
    counts = {b.value: b.count for b in result.facets["region"]}
    assert counts["05"] == 4  # a Land does not roll up
    assert counts["05334"] == 2 + 1  # its own and the Land-wide one
    assert counts["05334032"] == 1 + 1 + 1  # its own, the Land-wide and the Kreis-wide one


# The canned answer as text, taken at import: parsing wraps CANNED's dicts in place.
CANNED_TEXT = json.dumps(CANNED)


def test_snippets_say_when_found_in_a_document_or_the_keywords(db):
    """As on the database: a body fragment from a document's text names the document, a
    keywords fragment says it came from the keywords."""
    from search.attachments import MARK

    canned = json.loads(CANNED_TEXT)
    first, second = canned["hits"]["hits"]
    first["_source"]["summary"] = "Fahrdienst im Kreis."
    first["_source"]["body"] = (
        f"Eigener Text.\n{MARK} Evaluation 2019\nDer Bürgerbus fährt zweimal."
    )
    first["highlight"] = {"body": ["Der <mark>Bürgerbus</mark> fährt zweimal."]}
    second["highlight"] = {"keywords": ["Mobilität · <mark>Bürgerbus</mark>"]}
    faceted = ElasticsearchBackend(url="http://127.0.0.1:9").build_search(REQUEST)
    hits = to_search_response(REQUEST, faceted.response_from(canned), "elasticsearch").hits
    assert hits[0].match_note == "im Dokument »Evaluation 2019«"
    assert hits[1].match_note.startswith("in der Einordnung")
    assert hits[1].highlight == "Mobilität · <mark>Bürgerbus</mark>"


def test_region_counts_say_what_a_click_adds(db):
    """Region 05 selected (4 hits): Mecklenburg-Vorpommern (13) alone has 1; a click adds it to
    the 4, and 1 of the current result already lies in 13 (a document in both): 4 + 1 - 1."""
    canned = json.loads(CANNED_TEXT)
    canned["aggregations"]["_click_region"] = {
        "doc_count": 4,
        "region": terms(("05", 4), ("05334", 2), ("05962", 2), ("13", 1)),
    }
    canned["aggregations"]["_filter_region"]["region"] = terms(
        ("05", 4), ("05334", 2), ("05962", 2), ("13", 2)
    )
    faceted = ElasticsearchBackend(url="http://127.0.0.1:9").build_search(REQUEST)
    counts = {
        b.value: b.count
        for b in to_search_response(REQUEST, faceted.response_from(canned), "x").facets["region"]
    }
    assert counts["13"] == 4 + 2 - 1  # the union of 05 and 13
    assert counts["05334"] == 2  # a Kreis of NRW replaces NRW: its own count
