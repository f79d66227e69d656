"""German search on every backend: compound heads, gender and number forms, synonyms.

The contract part runs once per available backend (SQLite or PostgreSQL by DATABASE_URL,
Elasticsearch where ELASTICSEARCH_URL is set), over its own small corpus.
"""

import datetime

import pytest

from search import german, synonyms
from search.backends import get_backend, reset_backends
from search.contract import DAY, YEAR, SearchRequest
from search.models import SynonymSet
from search.registry import IndexDocument
from search.text import highlight_all, parse_query, query_terms, stems

from .conftest import CONTRACT_BACKENDS, around_a_change, backend_unavailable, index_corpus


def tool(title, summary="", body="", year=None):
    """A tool whose content date is the first year it was used (`year`)."""
    return IndexDocument(
        kind="werkzeug",
        title=title,
        url="/werkzeuge/x/",
        summary=summary,
        body=body,
        date=datetime.date(year, 1, 1) if year else None,
        date_precision=YEAR,
    )


GERMAN = {
    "g.doc:1": tool(
        "Seniorenbeirat gründen", "Satzung und Wahl für die Vertretung der Älteren.", year=2016
    ),
    "g.doc:2": tool("Nahversorgung sichern", "Ein Dorfladen mit Post und Café.", year=2024),
    "g.doc:3": tool(
        "Seniorenbegegnungsstätte einrichten", "Ein Treffpunkt im Ortskern.", year=2019
    ),
    "g.doc:4": tool("Bürgerbusse im Landkreis", "Ehrenamtliche fahren nach Fahrplan."),
    "g.doc:5": tool("Angebote für Seniorinnen und Senioren", "Bewegung und Beratung."),
    "g.doc:6": tool("Hausärztinnen gewinnen", "Eine Praxis für die Landärztin."),
    "g.doc:7": tool("Beteiligung der Nutzer:innen", "Alle Nutzer*innen und NutzerInnen reden mit."),
    "g.doc:8": tool("Beruf und Familie", "Teilnahme an Kursen, Bewegung im Alltag."),
    "g.doc:9": tool("Öffentlicher Nahverkehr", "Takt und Haltestellen im ländlichen Raum."),
    "g.doc:10": tool("Beirat der Jugend", "Jugendliche beraten den Rat."),
}


@pytest.fixture(params=CONTRACT_BACKENDS)
def german_backend(request, db, settings):
    name = request.param
    reason = backend_unavailable(name)
    if reason:
        pytest.skip(reason)
    settings.SEARCH_BACKEND = name
    reset_backends()
    index_corpus(name, GERMAN)
    yield get_backend(name)
    reset_backends()


def found(backend, q):
    return {hit.id for hit in backend.search(SearchRequest(q=q)).hits}


def titles(backend, q):
    return [hit.title for hit in backend.search(SearchRequest(q=q)).hits]


def test_a_compound_head_finds_the_compound(german_backend):
    assert found(german_backend, "Beirat") == {"g.doc:1", "g.doc:10"}
    assert found(german_backend, "Versorgung") == {"g.doc:2"}
    assert found(german_backend, "Begegnungsstätte") == {"g.doc:3"}
    assert "g.doc:2" in found(german_backend, "Laden")  # „Dorfladen“


def test_the_whole_compound_ranks_its_exact_matches_first(german_backend):
    assert titles(german_backend, "Seniorenbeirat")[0] == "Seniorenbeirat gründen"


def test_short_fragments_never_match_on_their_own(german_backend):
    assert "g.doc:8" not in found(german_backend, "Ruf")  # Beruf
    assert "g.doc:8" not in found(german_backend, "Weg")  # Bewegung
    assert "g.doc:8" not in found(german_backend, "nah")  # Teilnahme


def test_gendered_forms_meet(german_backend):
    for q in ("Seniorin", "Seniorinnen", "Senioren"):
        assert {"g.doc:5"} <= found(german_backend, q), q
    assert "g.doc:6" in found(german_backend, "Hausarzt")
    assert "g.doc:6" in found(german_backend, "Ärzte")
    for q in ("Nutzer", "Nutzerin", "Nutzer:innen", "Nutzer*innen", "NutzerInnen"):
        assert found(german_backend, q) == {"g.doc:7"}, q


def test_plurals_the_stemmer_misses(german_backend):
    for q in ("Bürgerbus", "Buergerbus", "Bürgerbusse", "Bus"):
        assert "g.doc:4" in found(german_backend, q), q


def test_synonyms_are_applied_to_the_query(german_backend):
    assert found(german_backend, "ÖPNV") == {"g.doc:9"}  # seed list: ÖPNV = Nahverkehr
    SynonymSet.objects.create(terms="Kümmerladen, Dorfladen")
    assert found(german_backend, "Kümmerladen") == {"g.doc:2"}
    # What was typed ranks before what only a synonym found.
    SynonymSet.objects.create(terms="Jugend, Senioren")
    assert titles(german_backend, "Jugend")[0] == "Beirat der Jugend"


def test_content_dates_order_newest_first(german_backend):
    newest = german_backend.search(SearchRequest(sort="neueste"))
    dated = [hit for hit in newest.hits if hit.date]
    assert [hit.id for hit in dated] == ["g.doc:2", "g.doc:3", "g.doc:1"]
    assert newest.hits[: len(dated)] == dated  # undated content after dated
    assert dated[0].date == datetime.date(2024, 1, 1) and dated[0].date_precision == YEAR
    undated = german_backend.search(SearchRequest(q="Beirat der Jugend")).hits[0]
    assert undated.date is None and undated.date_precision == DAY


# --- the analysis itself ------------------------------------------------------------------


def test_word_terms():
    assert german.word_terms("Seniorenbeirat") == ("seniorenbeirat", "senior", "beirat")
    assert german.word_terms("Seniorinnen") == german.word_terms("Senioren") == ("senior",)
    assert german.word_terms("Ärztin") == german.word_terms("Ärzte")
    assert german.word_terms("Bürgerbusse")[0] == german.word_terms("Buergerbus")[0]
    assert german.word_terms("Gremien") == german.word_terms("Gremium")
    assert german.word_terms("Termin") == ("termin",)  # not a feminine form
    for word in ("Beruf", "Bewegung", "Teilnahme", "Verwaltung"):
        assert len(german.word_terms(word)) == 1, word


def test_gender_marks():
    marked = "Nutzer:innen, Nutzer*innen, Bürger/-innen, KollegInnen, Ärzt_in"
    assert german.gender_marks(marked) == "Nutzer, Nutzer, Bürger, Kolleg, Ärzt"
    assert german.gender_marks("Beteiligung: in der Stadt") == "Beteiligung: in der Stadt"


def test_query_keeps_the_whole_word_or_all_its_parts():
    query = parse_query("Seniorenbeirat in der Pflege")
    assert query.fts5() == '("seniorenbeirat" OR ("senior" AND "beirat")) AND "pfleg"'
    assert query.tsquery() == "('seniorenbeirat' | ('senior' & 'beirat')) & 'pfleg'"
    assert stems("Nutzer*innen") == "nutz"


def test_a_typo_gets_a_suggestion_from_the_index(german_backend):
    response = german_backend.search(SearchRequest(q="Senoiren"))
    assert response.total == 0 and response.suggestion == "Senioren"
    assert german_backend.search(SearchRequest(q="Dorfaden")).suggestion == "Dorfladen"
    # a word the index knows is never "corrected", and a query that finds enough gets nothing
    assert german_backend.search(SearchRequest(q="Beirat")).suggestion == ""
    assert german_backend.search(SearchRequest(q="Raumschiff")).suggestion == ""


def test_the_page_offers_the_suggestion_as_a_link(client, german_backend):
    html = client.get("/suche/?q=Senoiren").content.decode()
    assert 'Meinten Sie: <a href="/suche/?q=Senioren">Senioren</a>?' in html


# --- no dead ends, compounds by meaning, synonyms on the search form, word families ----------


def test_words_that_find_nothing_together_give_partial_matches(german_backend):
    response = german_backend.search(SearchRequest(q="Seniorenbeirat Satzung Raumschiff"))
    ids = [hit.id for hit in response.hits]
    # two of three words first, then the compound's head (Beirat) before its modifier (Senioren)
    assert ids[0] == "g.doc:1"
    assert ids.index("g.doc:10") < min(ids.index("g.doc:5"), ids.index("g.doc:3"))
    assert response.left_out == ("Raumschiff",)
    assert response.partial_q == "Seniorenbeirat Satzung"
    # very few hits with all words: they come first, the partial ones after them
    few = german_backend.search(SearchRequest(q="Seniorenbeirat Satzung"))
    assert few.hits[0].id == "g.doc:1" and few.all_words == 1 and few.total > 1
    assert few.left_out and few.partial_q
    # one word that is nowhere and nothing else: still nothing (nothing to leave out)
    assert german_backend.search(SearchRequest(q="Quasar Pulsar")).total == 0
    # a compound's modifier alone is a partial match too, and says what it lacks
    alone = german_backend.search(SearchRequest(q="Raumschiff"))
    assert alone.left_out == ("Schiff",) and alone.partial_q == "Raum"


def test_a_compound_finds_its_head_before_its_modifier(german_backend):
    response = german_backend.search(SearchRequest(q="Seniorenladen"))
    ids = [hit.id for hit in response.hits]
    assert ids[0] == "g.doc:2"  # „Dorfladen“: the head
    assert {"g.doc:1", "g.doc:3", "g.doc:5"} <= set(ids[1:])  # „Senioren…“: the modifier
    assert response.left_out == ("Senioren",) and response.partial_q == "Laden"


def test_short_compound_parts_never_match_alone():
    parts = {label for word in parse_query("Schulbus").words for _a, label, _w in word.parts}
    assert parts == {"Schul"}  # „Bus“ (three letters) is no partial match of its own


def test_verb_stem_modifiers_are_split():
    assert german.word_terms("Mitfahrbank") == ("mitfahrbank", "mitfahr", "bank")
    assert german.word_terms("mitfahren")[0] == "mitfahr"
    assert len(german.word_terms("bestehende")) == 1  # no „besteh“ + „ende“
    assert len(german.word_terms("absehbar")) == 1  # no „abseh“ + „bar“


def test_synonyms_after_folding_on_phrases_and_compound_parts(german_backend):
    SynonymSet.objects.create(terms="Kümmerladen, Dorfladen")
    assert "g.doc:2" in found(german_backend, "Kümmerläden")  # a plural of the synonym
    SynonymSet.objects.create(terms="Ort der Begegnung, Treffpunkt")
    assert found(german_backend, "Ort der Begegnung") == {"g.doc:3"}
    SynonymSet.objects.create(terms="Junioren, Jugend")
    response = german_backend.search(SearchRequest(q="Juniorenbeirat"))
    assert [hit.id for hit in response.hits][0] == "g.doc:10"  # Beirat der Jugend
    assert "Jugend" in response.also


def test_the_seed_list_knows_the_abbreviations(db):
    table = synonyms.current()
    for phrase, meaning in (("DWK", "Demografiewerkstatt"), ("SGB XI", "Pflegeversicherung")):
        assert meaning in parse_query(phrase, table).also, phrase


def test_word_families_join_adjective_noun_and_verb():
    assert ("einsam", "einsam") in german.word_family("Vereinsamung")
    assert "vereinsam" in dict(german.word_family("einsam"))
    assert "haus" in dict(german.word_family("häuslich"))
    assert "digital" in dict(german.word_family("Digitalisierung"))
    assert german.word_family("Versorgung") == () and german.word_family("Amt") == ()
    query = parse_query("Vereinsamung")
    assert query.typed == ((("vereinsam",),),) and ("einsam",) in query.groups[0]


def test_compound_parts_do_not_mark_unrelated_words():
    marked = highlight_all("Zeitplan für den Werkstattplan", parse_query("Werkstattplan").terms)
    assert marked == "Zeitplan für den <mark>Werkstattplan</mark>"
    assert "<mark>Seniorenbeirat</mark>" in highlight_all("Seniorenbeirat", query_terms("Beirat"))


SEARCH_TWICE = """
import sys
from search.backends import get_backend
from search.contract import SearchRequest
backend = get_backend()
print(backend.search(SearchRequest(q="Greißler")).total, flush=True)
sys.stdin.readline()
print(backend.search(SearchRequest(q="Greißler")).total, flush=True)
"""


@pytest.mark.django_db(transaction=True)
def test_a_synonym_saved_in_one_process_reaches_another_at_once(tmp_path, settings):
    """Two OS processes on one database, as two web workers: B has its table already when A
    saves a set, and B's next search uses it."""
    reset_backends()
    index_corpus("database", GERMAN)
    save = (
        "from search.models import SynonymSet; "
        "SynonymSet.objects.create(terms='Greißler, Dorfladen')"
    )
    assert around_a_change(tmp_path, SEARCH_TWICE, save) == (["0"], ["1"])
