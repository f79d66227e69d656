"""Elasticsearch request bodies as data: what `WerkstattSearch` would send for contract requests."""

import pytest

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.faceted import coverage
from search.contract import MEMBERS, SearchRequest, Similar
from search.text import parse_query

from .golden import assert_golden

REQUESTS = {
    "empty_public": SearchRequest(),
    "text_two_facets_members": SearchRequest(
        q="Bürgerbus Senioren",
        filters={
            "handlungsfeld": ("mobilitaet-und-nahversorgung", "gesellschaftliche-teilhabe"),
            "status": ("neu",),
        },
        viewer=MEMBERS,
    ),
    "region_titel_page3": SearchRequest(
        q="Pflege", filters={"region": ("05334",)}, sort="titel", page=3, page_size=10
    ),
    "neueste_land": SearchRequest(filters={"region": ("13",), "jahr": ("2024",)}, sort="neueste"),
    "similar_werkzeug": SearchRequest(
        filters={"art": ("werkzeug",)},
        similar=Similar(
            key="luedenscheid",
            label="Lüdenscheid",
            regions=(("05358", "Kreis Düren"), ("05334032", "Stolberg (Rhld.)")),
        ),
    ),
}


@pytest.fixture(autouse=True)
def seed_synonyms(monkeypatch):
    """The synonym sets a fresh database has (the migration's seed list), without a database."""
    import importlib

    from search import synonyms

    seed = importlib.import_module("search.migrations.0009_synonyms_analysis").SEED_SYNONYMS
    seed += importlib.import_module(
        "search.migrations.0015_synonym_versions_abbreviations"
    ).ABBREVIATIONS
    table = synonyms.expand([line.split(", ") for line in seed])
    monkeypatch.setattr(synonyms, "current", lambda: table)


def body(request, partial=False):
    return ElasticsearchBackend(url="http://127.0.0.1:9").build_search(request, partial).body()


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_request_body_matches_golden_file(name):
    assert_golden(f"elasticsearch_request_{name}", body(REQUESTS[name]))


def test_partial_request_ranks_by_coverage_of_the_words():
    """When all words find little or nothing: what has all words first, then any word may
    match (`minimum_should_match` 1), each scoring its best piece (whole word, synonym,
    compound head, modifier) at its weight, under a name the answer's `matched_queries`
    report."""
    request = SearchRequest(q="Seniorenbeirat Raumschiff", filters={"status": ("neu",)})
    data = body(request, partial=True)
    assert_golden("elasticsearch_request_partial", data)
    words = data["query"]["bool"]["must"][0]["bool"]
    assert words["minimum_should_match"] == 1 and len(words["should"]) == 3
    assert words["should"][0]["constant_score"]["_name"] == "alle"
    names = [q["bool"]["_name"] for q in words["should"][1]["dis_max"]["queries"]]
    assert names[0] == "0:1.0" and "0:0.6" in names and "0:0.3" in names


def test_what_a_partial_hit_lacks_comes_from_its_matched_queries():
    parsed = parse_query("Seniorenbeirat Raumschiff")
    assert parsed.relaxed(coverage(parsed, ["0:1.0", "0:0.6"])) == (
        ["Raumschiff"],
        "Seniorenbeirat",
    )
    assert parsed.relaxed(coverage(parsed, ["1:0.3"])) == (["Seniorenbeirat", "Schiff"], "Raum")
