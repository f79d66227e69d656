"""The index mapping: one `WerkstattDocument` per `SearchDocument` row, German text analysis.

Key concepts:

* Matching uses `terms.*`: the text as `search.text.stems()` analyses it for every backend
  (gender forms, stems without umlauts, compound parts), indexed with the whitespace analyzer;
  the query is built from the same `search.text.parse_query()` (see faceted.py). So the
  database and Elasticsearch find the same documents for the same words.
* `title`, `summary`, `body` keep a German analysis for highlighting: lowercase ->
  german_normalization (ä/ö/ü -> a/o/u, ß -> ss, also "ae"/"oe"/"ue") -> dictionary
  decompounder (index time only: "Seniorenbeirat" also yields "beirat") -> light_german.
  The decompounder's word list is shipped in the repository (search/data/compound_parts_de.txt,
  16,000 common German words from wordfreq, folded like german_normalization), with
  `only_longest_match` and parts of at least 4 letters, so short fragments never match.
* Facet fields are keywords named like the contract's facets; `region` holds every ancestor
  code, so a filter on a Land finds what lies in its Kreise.
* `title.suggest` (search_as_you_type) answers the search box's autocomplete.
"""

from functools import lru_cache
from pathlib import Path

from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    InnerDoc,
    Keyword,
    Object,
    SearchAsYouType,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

WORD_LIST_PATH = Path(__file__).resolve().parents[2] / "data" / "compound_parts_de.txt"


@lru_cache(maxsize=1)
def compound_word_list():
    """The decompounder's word list shipped in the repository (see `compound_word_list`)."""
    lines = WORD_LIST_PATH.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def german_normalize(word):
    """Lucene's GermanNormalizationFilter in Python, so word lists match normalised tokens.

    ä/ö/ü -> a/o/u, ß -> ss, and "ae"/"oe"/"ue" -> a/o/u (not "ue" after a vowel or q).
    """
    out = []
    state = "N"  # N: neutral, U: after a/o/consonant+u (a following e is dropped), V: vowel
    for char in word.lower():
        if char in "ao":
            state = "U"
        elif char == "u":
            state = "U" if state == "N" else "V"
        elif char == "e":
            if state == "U":
                state = "V"
                continue
            state = "V"
        elif char in "iqy":
            state = "V"
        elif char in "äöü":
            char = {"ä": "a", "ö": "o", "ü": "u"}[char]
            state = "V"
        elif char == "ß":
            char = "ss"
            state = "N"
        else:
            state = "N"
        out.append(char)
    return "".join(out)


german_light_stemmer = token_filter("werkstatt_german_stemmer", "stemmer", language="light_german")
german_decompounder = token_filter(
    "werkstatt_decompounder",
    "dictionary_decompounder",
    word_list=compound_word_list(),
    min_word_size=6,
    min_subword_size=4,  # "Beruf" never yields "ruf", "Bewegung" never "weg"
    max_subword_size=20,
    only_longest_match=True,
)

# Query words that carry no meaning ("Pflege in der Stadt" must not require "in"), as in the
# database backend; only at query time, so the index keeps every word.
german_stop = token_filter("werkstatt_german_stop", "stop", stopwords="_german_")

# Index time: with compound parts. Query time: without, so "Seniorenbeirat" stays precise.
german_index = analyzer(
    "werkstatt_german_index",
    tokenizer="standard",
    filter=["lowercase", "german_normalization", german_decompounder, german_light_stemmer],
)
german_search = analyzer(
    "werkstatt_german_search",
    tokenizer="standard",
    filter=["lowercase", german_stop, "german_normalization", german_light_stemmer],
)
# Autocomplete and title sorting: folded but not stemmed.
german_folded = analyzer(
    "werkstatt_german_folded", tokenizer="standard", filter=["lowercase", "german_normalization"]
)
sort_normalizer = normalizer("werkstatt_sort", filter=["lowercase", "german_normalization"])

FACET_FIELDS = (
    "art",
    "handlungsfeld",
    "region",
    "zielgruppe",
    "status",
    "schlagwort",
    "jahr",
    "monat",
    "budget",
    "beratung",
    "fortschritt",
    "qualitaet",
)


class AnalysedText(InnerDoc):
    """The text as `search.text.stems()` analyses it for every backend (gender forms, stems,
    compound parts): matching runs on these fields, so Elasticsearch finds what the database
    finds. The German-analysed fields above serve highlighting."""

    title = Text(analyzer="whitespace")
    summary = Text(analyzer="whitespace")
    keywords = Text(analyzer="whitespace")
    body = Text(analyzer="whitespace")


def german_text(**kwargs):
    return Text(analyzer=german_index, search_analyzer=german_search, **kwargs)


# The alias; concrete indices are "<alias>-v<timestamp>" clones of it (see backend.rebuild).
WERKSTATT_INDEX = Index("werkstatt")
WERKSTATT_INDEX.settings(number_of_shards=1, number_of_replicas=0, max_result_window=100_000)


@WERKSTATT_INDEX.document
class WerkstattDocument(Document):
    """One searchable thing, mirrored from a `SearchDocument` row (`DocumentData`)."""

    key = Keyword()
    kind = Keyword()
    title = german_text(
        fields={
            "sort": Keyword(normalizer=sort_normalizer),
            "suggest": SearchAsYouType(analyzer=german_folded),
        }
    )
    summary = german_text()
    keywords = german_text()  # names of action fields, target groups, tags, regions
    body = german_text()
    terms = Object(AnalysedText)
    url = Keyword(index=False)
    date = Date()
    date_precision = Keyword(index=False)
    visibility = Keyword()
    region_label = Keyword(index=False)
    action_field_colour = Keyword(index=False)
    fingerprint = Keyword(index=False)

    # facets (keyword arrays), named as in search.contract.FACETS
    art = Keyword()
    handlungsfeld = Keyword()
    region = Keyword()  # every ancestor code as well
    region_own = Keyword()  # the document's own (most specific) regions: region roll-up
    zielgruppe = Keyword()
    status = Keyword()
    schlagwort = Keyword()
    jahr = Keyword()
    monat = Keyword()
    budget = Keyword()
    beratung = Keyword()
    fortschritt = Keyword()
    qualitaet = Keyword()
