"""Elasticsearch request bodies as data: what `WerkstattSearch` would send for contract requests."""

import pytest

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.faceted import FACET_SIZES, coverage, region_include
from search.contract import FACETS, KINDS, MEMBERS, PUBLIC, SearchRequest, Similar
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


def test_every_facet_is_aggregated_with_a_size_for_all_values():
    aggs = body(SearchRequest())["aggs"]
    assert set(aggs) == {f"_filter_{name}" for name in FACETS}
    for name in FACETS:
        terms = aggs[f"_filter_{name}"]["aggs"][name]["terms"]
        assert terms["field"] == name
        assert terms["size"] == FACET_SIZES[name] > 1
        assert terms["size"] != 10  # never Elasticsearch's silent default
    assert FACET_SIZES["region"] >= 16 + 401  # every Land and Kreis fits
    assert FACET_SIZES["art"] == len(KINDS) == 12 and FACET_SIZES["status"] == 2
    assert FACET_SIZES["monat"] == 12 and FACET_SIZES["budget"] == 3


def test_visibility_is_a_query_filter_never_a_post_filter():
    public = body(SearchRequest(filters={"art": ("kontakt",)}))
    assert {"term": {"visibility": PUBLIC}} in public["query"]["bool"]["filter"]
    assert "visibility" not in str(public["post_filter"])
    members = body(SearchRequest(filters={"art": ("kontakt",)}, viewer=MEMBERS))
    assert "visibility" not in str(members)


def test_filters_go_to_post_filter_and_every_other_facets_aggregation():
    data = body(REQUESTS["text_two_facets_members"])
    field_filter = {
        "terms": {"handlungsfeld": ["mobilitaet-und-nahversorgung", "gesellschaftliche-teilhabe"]}
    }  # OR within a facet
    status_filter = {"terms": {"status": ["neu"]}}
    assert data["post_filter"] == {"bool": {"must": [field_filter, status_filter]}}  # AND across
    aggs = data["aggs"]
    # a facet is counted with every filter but its own (disjunctive counts)
    assert aggs["_filter_handlungsfeld"]["filter"] == status_filter
    assert aggs["_filter_status"]["filter"] == field_filter
    assert aggs["_filter_art"]["filter"] == {"bool": {"must": [field_filter, status_filter]}}
    # the text query is in the query, so it narrows counts and hits alike
    query = data["query"]["bool"]
    # an exact title scores on top, but is not required
    assert query["should"] == [
        {"term": {"title.sort": {"value": "Bürgerbus Senioren", "boost": 100}}}
    ]
    assert query.get("minimum_should_match", 0) == 0
    # every word must match (AND) in the shared analysis: the word itself or all its parts
    bus, senior = query["must"][0]["bool"]["must"]
    whole, parts = bus["bool"]["should"]
    fields = ["terms.title^3", "terms.summary^2", "terms.keywords^2", "terms.body"]
    assert whole == {"multi_match": {"query": "burgerbus", "fields": fields}}
    assert [m["multi_match"]["query"] for m in parts["bool"]["must"]] == ["burg", "bus"]
    assert senior["bool"]["should"][0] == {"multi_match": {"query": "senior", "fields": fields}}


def test_no_filters_means_no_post_filter_and_unfiltered_aggregations():
    data = body(SearchRequest())
    assert "post_filter" not in data
    assert data["aggs"]["_filter_jahr"]["filter"] == {"match_all": {}}
    assert data["query"] == {"bool": {"filter": [{"term": {"visibility": PUBLIC}}]}}


def test_totals_are_tracked_exactly_and_snippets_are_marked():
    data = body(SearchRequest(q="Pflege"))
    assert data["track_total_hits"] is True
    assert data["highlight"]["pre_tags"] == ["<mark>"]
    assert data["highlight"]["post_tags"] == ["</mark>"]
    assert data["highlight"]["encoder"] == "html"
    assert data["highlight"]["highlight_query"]["multi_match"]["query"] == "Pflege"
    assert data["highlight"]["fields"] == {
        "title": {"number_of_fragments": 0},  # the whole title, marked
        "summary": {},
        "body": {},
        "keywords": {},  # a hit found through its action field, target group or tag shows it
    }


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("relevanz", "_score"),
        ("neueste", {"date": {"order": "desc", "missing": "_last"}}),
        ("titel", "title.sort"),
    ],
)
def test_sorting(sort, first):
    assert body(SearchRequest(q="Pflege", sort=sort))["sort"][0] == first


def test_pagination_uses_from_and_size():
    data = body(REQUESTS["region_titel_page3"])
    assert (data["from"], data["size"]) == (20, 10)
    data = body(SearchRequest())
    assert (data["from"], data["size"]) == (0, 20)


def test_region_aggregation_returns_what_the_drill_down_shows():
    assert region_include(()) == "[0-9]{2}"
    assert region_include(("13",)) == "[0-9]{2}|(13)[0-9]{3}"
    # a Kreis: its Land's Kreise and its own Gemeinden
    assert region_include(("05334",)) == "[0-9]{2}|(05)[0-9]{3}|(05334)[0-9]{3}"
    # a Gemeinde: also its Ortsteile
    assert region_include(("13", "05334032")) == (
        "[0-9]{2}|(05|13)[0-9]{3}|(05334)[0-9]{3}|(05334032)[0-9]+"
    )
    data = body(REQUESTS["region_titel_page3"])
    terms = data["aggs"]["_filter_region"]["aggs"]["region"]["terms"]
    assert terms["include"] == "[0-9]{2}|(05)[0-9]{3}|(05334)[0-9]{3}"
    # roll-up: a Kreis also finds what is filed at its Land or Regierungsbezirk itself
    assert data["post_filter"] == {
        "bool": {
            "should": [
                {"terms": {"region": ["05334"]}},
                {"terms": {"region_own": ["05", "053"]}},
            ],
            "minimum_should_match": 1,
        }
    }
    own = data["aggs"]["_filter_region"]["aggs"]["region_own"]["terms"]
    assert own["field"] == "region_own"
    exact = body(SearchRequest(filters={"region": ("05334",)}, rollup=False))
    assert exact["post_filter"] == {"terms": {"region": ["05334"]}}
    assert "region_own" not in exact["aggs"]["_filter_region"]["aggs"]


def test_autocomplete_body_is_prefix_search_on_the_title_for_the_viewer():
    backend = ElasticsearchBackend(url="http://127.0.0.1:9")
    data = backend.autocomplete_body("Senio", PUBLIC, 8)
    assert data["size"] == 8
    match = data["query"]["bool"]["must"][0]["multi_match"]
    assert match == {
        "query": "Senio",
        "type": "bool_prefix",
        "fields": ["title.suggest", "title.suggest._2gram", "title.suggest._3gram"],
    }
    assert data["query"]["bool"]["filter"] == [{"term": {"visibility": PUBLIC}}]
    assert backend.autocomplete_body("Senio", MEMBERS, 8)["query"]["bool"]["filter"] == []


def test_similar_municipalities_are_a_query_filter_for_hits_and_every_count():
    data = body(REQUESTS["similar_werkzeug"])
    assert {"terms": {"region": ["05358", "05334032"]}} in data["query"]["bool"]["filter"]
    assert "05358" not in str(data["post_filter"]) and "05358" not in str(data["aggs"])
    none = body(SearchRequest(similar=Similar(key="x", label="X")))
    assert {"terms": {"region": []}} in none["query"]["bool"]["filter"]  # matches nothing
