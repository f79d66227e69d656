"""The Elasticsearch index as data: analysis settings and mapping (no server needed)."""

import re

import pytest

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.documents import (
    WERKSTATT_INDEX,
    compound_word_list,
    german_normalize,
)

from .golden import assert_golden


@pytest.fixture
def index_dict():
    return ElasticsearchBackend(url="http://127.0.0.1:9").index_definition().to_dict()


def test_index_definition_matches_golden_file(index_dict):
    """The golden file names the word list by size and first and last words (16,000 words are
    checked against the shipped file below, not copied into the golden file)."""
    words = index_dict["settings"]["analysis"]["filter"]["werkstatt_decompounder"]["word_list"]
    assert words == compound_word_list()
    summary = f"{len(words)} Wörter: {words[0]} … {words[-1]} (search/data/compound_parts_de.txt)"
    index_dict["settings"]["analysis"]["filter"]["werkstatt_decompounder"]["word_list"] = summary
    assert_golden("elasticsearch_index", index_dict)


def test_german_analyzer_folds_decompounds_and_stems(index_dict):
    analysis = index_dict["settings"]["analysis"]
    index_analyzer = analysis["analyzer"]["werkstatt_german_index"]
    assert index_analyzer["tokenizer"] == "standard"
    # folding before the decompounder (its word list is folded too), stemming last
    assert index_analyzer["filter"] == [
        "lowercase",
        "german_normalization",
        "werkstatt_decompounder",
        "werkstatt_german_stemmer",
    ]
    assert analysis["analyzer"]["werkstatt_german_search"]["filter"] == [
        "lowercase",
        "werkstatt_german_stop",  # query side only: "Laden in der Stadt" need not match "in"
        "german_normalization",
        "werkstatt_german_stemmer",
    ]
    assert analysis["filter"]["werkstatt_german_stop"] == {"type": "stop", "stopwords": "_german_"}
    assert analysis["filter"]["werkstatt_german_stemmer"] == {
        "type": "stemmer",
        "language": "light_german",
    }
    decompounder = analysis["filter"]["werkstatt_decompounder"]
    assert decompounder["type"] == "dictionary_decompounder"
    # Only the longest part at each position, none shorter than 4 letters: "Beruf" never
    # yields "ruf", "Bewegung" never "weg", "Teilnahme" never "nah".
    assert decompounder["only_longest_match"] is True
    assert decompounder["min_subword_size"] == 4
    words = set(decompounder["word_list"])
    assert len(words) > 10_000
    for part in ("senioren", "beirat", "versorgung", "burger", "laden", "begegnung", "stelle"):
        assert part in words
    assert not {"ruf", "weg", "nah", "und", "der"} & words
    assert all(word == german_normalize(word) for word in words)


def test_text_fields_use_the_german_analyzers_and_facets_are_keywords(index_dict):
    properties = index_dict["mappings"]["properties"]
    for field in ("title", "summary", "body"):
        assert properties[field]["type"] == "text"
        assert properties[field]["analyzer"] == "werkstatt_german_index"
        assert properties[field]["search_analyzer"] == "werkstatt_german_search"
    for facet in ("art", "handlungsfeld", "region", "zielgruppe", "status", "schlagwort", "jahr"):
        assert properties[facet] == {"type": "keyword"}
    assert properties["visibility"] == {"type": "keyword"}
    assert properties["title"]["fields"]["suggest"] == {
        "type": "search_as_you_type",
        "analyzer": "werkstatt_german_folded",
    }
    assert properties["title"]["fields"]["sort"] == {
        "type": "keyword",
        "normalizer": "werkstatt_sort",
    }
    assert properties["date"] == {"type": "date"}


def test_versioned_index_has_the_same_definition_as_the_alias():
    backend = ElasticsearchBackend(url="http://127.0.0.1:9", alias="werkstatt")
    name = backend.new_index_name()
    assert re.fullmatch(r"werkstatt-v\d{20}", name)
    assert backend.index_definition(name).to_dict() == backend.index_definition().to_dict()
    assert backend.index_definition(name)._name == name
    assert WERKSTATT_INDEX._name == "werkstatt"  # the alias, also the documents' default index


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Bürger", "burger"),
        ("Straße", "strasse"),
        ("Mobilitaet", "mobilitat"),
        ("Mobilität", "mobilitat"),
        ("Fachkräfte", "fachkrafte"),
        ("Bauer", "bauer"),  # "ue" after a vowel stays
        ("Quelle", "quelle"),  # "ue" after q stays
        ("Senioren", "senioren"),
    ],
)
def test_german_normalize_matches_lucene(word, folded):
    assert german_normalize(word) == folded


def test_matching_fields_hold_the_shared_analysis(index_dict):
    """terms.* carry `search.text.stems()` of each text: the same terms as the database."""
    properties = index_dict["mappings"]["properties"]["terms"]["properties"]
    for field in ("title", "summary", "keywords", "body"):
        assert properties[field] == {"type": "text", "analyzer": "whitespace"}


def test_indexed_source_mirrors_the_projection(db):
    from search.backends.elasticsearch.backend import to_source
    from search.indexing import fingerprint, to_document_data

    from .conftest import CORPUS

    data = to_document_data("test.doc:2", CORPUS["test.doc:2"])
    source = to_source(data)
    assert source["region"] == ["05", "059", "05962"]  # every ancestor, for Land filters
    assert source["art"] == ["werkzeug"]
    assert source["schlagwort"] == ["Ehrenamt", "Mobilität"]
    assert source["zielgruppe"] == ["seniorinnen-und-senioren"]
    assert source["date"] == "2023-05-10"
    assert source["fingerprint"] == fingerprint(data)  # check_search compares these
    assert source["terms"]["title"] == "burgerbus burg bus organisi"
    assert "ehrenamt" in source["terms"]["summary"].split()
    assert set(source) - {"fingerprint"} <= set(
        ElasticsearchBackend(url="http://127.0.0.1:9")
        .index_definition()
        .to_dict()["mappings"]["properties"]
    )
