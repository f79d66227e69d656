"""The index mapping: one `WerkstattDocument` per `SearchDocument` row, German text analysis.

Key concepts:

* Text is analysed like the database backend's `german` configuration, plus compounds:
  lowercase -> german_normalization (ä/ö/ü -> a/o/u, ß -> ss, also "ae"/"oe"/"ue") ->
  dictionary decompounder (index time only: "Seniorenbeirat" also yields "beirat") ->
  light_german stemming ("Radwege" and "Radweg" meet).
* The decompounder runs after normalisation, so its word list is normalised the same way
  (`german_normalize`), and "Buergerbus" decompounds like "Bürgerbus".
* Facet fields are keywords named like the contract's facets; `region` holds every ancestor
  code, so a filter on a Land finds what lies in its Kreise.
* `title.suggest` (search_as_you_type) answers the search box's autocomplete.
"""

from elasticsearch.dsl import (
    Date,
    Document,
    Keyword,
    SearchAsYouType,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

# Common parts of German compounds in municipal and demographic-change texts. A compound is
# split into the parts found in this list ("Nahversorgung" -> "nah", "versorgung").
COMPOUND_PARTS = [
    "Alter",
    "Amt",
    "Arbeit",
    "Arbeits",
    "Ausbildung",
    "Bau",
    "Beirat",
    "Beratung",
    "Bericht",
    "Beteiligung",
    "Bildung",
    "Bildungs",
    "Bürger",
    "Bus",
    "Daten",
    "Demografie",
    "Dienst",
    "Dorf",
    "Ehrenamt",
    "Entwicklung",
    "Familie",
    "Familien",
    "Forum",
    "Fachkräfte",
    "Gemeinde",
    "Generation",
    "Generationen",
    "Gesundheit",
    "Gesundheits",
    "Gruppe",
    "Haus",
    "Hilfe",
    "Jugend",
    "Kinder",
    "Konzept",
    "Kreis",
    "Laden",
    "Leben",
    "Lotsen",
    "Markt",
    "Mobilität",
    "Nah",
    "Nachbarschaft",
    "Netz",
    "Netzwerk",
    "Plan",
    "Planung",
    "Pflege",
    "Quartier",
    "Quartiers",
    "Rad",
    "Ruf",
    "Schule",
    "Senioren",
    "Sozial",
    "Stadt",
    "Stelle",
    "Teilhabe",
    "Treff",
    "Verkehr",
    "Versorgung",
    "Verwaltung",
    "Weg",
    "Werk",
    "Werkstatt",
    "Wohn",
    "Wohnen",
    "Wohnung",
    "Zentrum",
    "Zukunft",
    "Zukunfts",
]


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
    word_list=sorted({german_normalize(word) for word in COMPOUND_PARTS}),
    min_subword_size=3,
    only_longest_match=False,
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

FACET_FIELDS = ("art", "handlungsfeld", "region", "zielgruppe", "status", "schlagwort", "jahr")


def german_text(**kwargs):
    return Text(analyzer=german_index, search_analyzer=german_search, **kwargs)


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
    url = Keyword(index=False)
    date = Date()
    visibility = Keyword()
    region_label = Keyword(index=False)
    action_field_colour = Keyword(index=False)
    fingerprint = Keyword(index=False)

    # facets (keyword arrays), named as in search.contract.FACETS
    art = Keyword()
    handlungsfeld = Keyword()
    region = Keyword()  # every ancestor code as well
    zielgruppe = Keyword()
    status = Keyword()
    schlagwort = Keyword()
    jahr = Keyword()

    class Index:
        # The alias; concrete indices are "<alias>-v<timestamp>" clones (see backend.rebuild).
        name = "werkstatt"
        settings = {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "max_result_window": 100_000,
        }
