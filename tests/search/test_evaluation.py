"""The evaluation of `evaluate_search`: its data is sound and the database backend passes it."""

import hashlib
import json
import math
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.backends import reset_backends
from search.evaluation import demo, judged, runner
from search.evaluation.catalogue import TOOLS
from search.evaluation.queries import KINDS, QUERIES, TYPOS


def test_the_evaluation_is_big_enough_and_consistent():
    ids = [tool_id for tool_id, _title, _summary in TOOLS]
    assert len(ids) == len(set(ids)) >= 150
    assert len(QUERIES) >= 50 and len(TYPOS) >= 5
    assert {kind for kind, *_ in QUERIES} == set(KINDS)
    for _kind, q, must, must_not in QUERIES:
        assert must and set(must) <= set(ids) and set(must_not) <= set(ids), q
        assert not set(must) & set(must_not), q


@pytest.mark.django_db
def test_the_database_backend_passes_and_beats_stock_snowball():
    reset_backends()
    runner.index_catalogue()
    ours = runner.our_backend("database")
    result = runner.score(ours, lambda q: "")
    stock = runner.score(runner.stock_snowball())
    assert result["all"] >= 0.95 * result["queries"]
    assert result["forbidden"] == 0
    for kind in KINDS:  # never worse than stock Snowball on any kind of query
        assert result["kinds"][kind][0] >= stock["kinds"][kind][0], kind
    table = runner.format_table([("Werkstatt", result), ("Snowball (stock, FTS5)", stock)])
    assert "R@10" in table and "Snowball (stock, FTS5)" in table
    reset_backends()


# --- graded queries over the demo (search.evaluation.judged, search.evaluation.demo) ---------

A, B, C, D, X = (f"/werkzeuge/{name}/" for name in "abcdx")


def test_urls_are_normalised_only_where_they_are_the_same_address():
    assert judged.normalise("/werkzeuge/b%C3%BCrgerbus") == "/werkzeuge/bürgerbus/"
    assert judged.normalise("http://localhost:8000/werkzeuge/a") == "/werkzeuge/a/"
    assert judged.normalise("/werkzeuge/a#sheet-2017") == "/werkzeuge/a/#sheet-2017"
    assert judged.normalise("/werkzeuge/a/#sheet-2017") != judged.normalise("/werkzeuge/a/")
    assert judged.normalise("/werkzeuge/A/") != judged.normalise("/werkzeuge/a/")


def test_scores_by_hand():
    grades = {A: 2, B: 1, C: 1, D: 2}
    ranked = [A, X, B, A, C]  # A shown twice: the repeat at place 4 earns nothing
    assert judged.success_at(ranked, grades) == 1.0
    assert judged.success_at([X, X, X, X, X, A], grades) == 0.0  # A only at place 6
    assert judged.recall_at(ranked, grades) == 0.75  # A, B, C of A, B, C, D
    assert judged.recall_at([X] * 10 + [A], grades) == 0.0
    dcg = 2 / 1 + 1 / 2 + 1 / math.log2(6)  # places 1, 3, 5
    ideal = 2 / 1 + 2 / math.log2(3) + 1 / 2 + 1 / math.log2(5)
    assert judged.ndcg_at(ranked, grades) == pytest.approx(dcg / ideal)
    assert judged.ndcg_at(ranked, grades) == pytest.approx(0.68857, abs=1e-5)
    assert judged.ndcg_at([D, A, B, C], grades) == pytest.approx(1.0)
    assert judged.ndcg_at([C, B, A, D], grades) < 1.0


def test_dead_ends_count_only_where_relevant_content_exists():
    def query(name, grades):
        return {"id": name, "set": "dev", "query": name, "grades": grades}

    rows = [
        judged.score(query("leer", {A: 2}), [], suggests=True),  # a dead end, suggestion or not
        judged.score(query("gut", {A: 2, B: 1}), [X, B, A], suggests=False),
        judged.score(query("nichts da, leer", {}), [], suggests=False),  # offers nothing
        judged.score(query("nichts da, Vorschlag", {}), [], suggests=True),
        judged.score(query("nichts da, Treffer", {}), [X], suggests=False),
    ]
    summary = judged.summarise(rows)
    assert (summary["n"], summary["answerable"], summary["without"]) == (5, 2, 3)
    assert summary["dead_ends"] == 1
    assert summary["offers"] == 2
    assert summary["success"] == 0.5  # (0 + 1) / 2, the queries without content left out
    assert summary["recall"] == 0.5
    good = (1 / math.log2(3) + 2 / math.log2(4)) / (2 + 1 / math.log2(3))
    assert summary["ndcg"] == pytest.approx(good / 2)


def test_the_committed_query_sets_are_whole_and_the_blind_one_unchanged():
    queries = judged.load_sets()  # refuses a blind set that does not match its hash
    sets = [query["set"] for query in queries]
    assert sets.count("blind") >= 60 and len(sets) >= 150
    for query in queries:
        assert query["query"].strip() and query["need"].strip(), query["id"]
        assert all(url.startswith("/") for url in query["grades"]), query["id"]


def _write_sets(tmp_path, monkeypatch, blind_text, hashed_text):
    blind, digest = tmp_path / "blind.json", tmp_path / "blind.sha256"
    blind.write_text(blind_text, encoding="utf-8")
    digest.write_text(
        f"{hashlib.sha256(hashed_text.encode()).hexdigest()}  blind.json\n", encoding="utf-8"
    )
    monkeypatch.setattr(judged, "BLIND", blind)
    monkeypatch.setattr(judged, "BLIND_HASH", digest)
    monkeypatch.setattr(judged, "DEV", tmp_path / "no-dev.json")


def test_an_unchanged_blind_set_is_loaded(tmp_path, monkeypatch):
    text = json.dumps([{"id": "b1", "query": "Bus", "need": "", "relevant": {"/a": 2}}])
    _write_sets(tmp_path, monkeypatch, text, text)
    (query,) = judged.load_sets()
    assert query["set"] == "blind" and query["grades"] == {"/a/": 2}


def test_a_changed_blind_set_is_refused(tmp_path, monkeypatch):
    text = json.dumps([{"id": "b1", "query": "Bus", "need": "", "relevant": {"/a": 2}}])
    _write_sets(tmp_path, monkeypatch, text.replace('"/a": 2', '"/a": 1'), text)
    with pytest.raises(judged.BlindSetChanged):
        judged.load_sets()
    with pytest.raises(CommandError, match="verändert"):  # before any database is made
        call_command("evaluate_search", stdout=StringIO())


def test_the_result_page_is_read_in_order_without_facet_links():
    page = demo.ResultPage()
    page.feed(
        '<ul><li><a href="/suche/?art=werkzeug">Werkzeug (3)</a></li></ul>'
        '<p class="suggestion">Meinten Sie: <a href="/suche/?q=Bus">Bus</a>?</p>'
        '<ol><li><h3 class="result__title"><a href="/b/"><mark>B</mark></a></h3></li>'
        '<li><h3 class="result__title"><a href="/a/">A</a></h3>'
        '<details class="result__measures"><summary>+2 Maßnahmen</summary>'
        '<ul class="result__measure-list"><li><a href="/a/#sheet-2017">M1</a><br></li>'
        '<li><a href="/a/#sheet-2018">M2</a></li></ul></details>'
        '<p><a href="/x/">mehr</a></p></li>'
        '<li><h3 class="result__title"><a href="/c/">C</a></h3></li></ol>'
    )
    assert page.urls == ["/b/", "/a/", "/a/#sheet-2017", "/a/#sheet-2018", "/c/"]
    assert page.suggests
    plain = demo.ResultPage()
    plain.feed('<div class="no-results"><a href="/suche/">Alle Inhalte anzeigen</a></div>')
    assert plain.urls == [] and not plain.suggests


@pytest.mark.django_db
def test_a_run_over_the_demo_asks_the_search_page(site_tree, django_capture_on_commit_callbacks):
    reset_backends()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load_demo(StringIO())
    tool = "/werkzeuge/werkzeugkatalog-kreis-dueren/buergerbus-rureifel"  # judged without slash
    queries = [
        {"id": "q1", "query": "Bürgerbus", "relevant": {tool: 2, f"{tool}/#sheet-2017": 1}},
        {"id": "q2", "query": "Quxwerpelzange", "relevant": {}},
        {"id": "q3", "query": "Quxwerpelzange", "relevant": {f"{tool}/": 2}},
    ]
    for query in queries:
        query["set"], query["grades"] = (
            "dev",
            {judged.normalise(url): grade for url, grade in query["relevant"].items()},
        )
    result = demo.evaluate(queries, demo.page_search(), "Werkstatt SQLite")
    found, nothing, missed = result["rows"]
    assert found["top"][0] == f"{tool}/" and found["success"] == 1.0 and found["recall"] == 1.0
    assert not nothing["answerable"] and nothing["hits"] == 0 and not nothing["dead_end"]
    assert missed["dead_end"] and missed["ndcg"] == 0.0
    summary = result["summary"]["dev"]
    assert (summary["n"], summary["answerable"], summary["dead_ends"]) == (3, 2, 1)
    assert summary["success"] == 0.5
    table = demo.format_table("Werkstatt SQLite", result)
    assert "dev" in table and "1/2" in table
    reset_backends()
