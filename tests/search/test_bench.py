"""bench_search's building blocks: the synthetic corpus, the query mix, the scratch database name
and the report (the timed run itself is a command, not a test)."""

from collections import Counter

import pytest
from django.db import connection

from search.bench import corpus, runner, wagtail_way
from search.contract import FACETS, KINDS, MEMBERS
from search.indexing import RegionInfo, to_document_data


@pytest.fixture
def vocabulary(db):
    return corpus.Vocabulary()


def test_corpus_is_reproducible_and_spread_like_real_content(vocabulary):
    first = list(corpus.make_documents(600, vocabulary))
    again = list(corpus.make_documents(600, vocabulary))
    assert [(k, d.title, d.facets) for k, d in first] == [(k, d.title, d.facets) for k, d in again]
    docs = [doc for _key, doc in first]
    assert {doc.kind for doc in docs} == set(KINDS)
    assert Counter(doc.kind for doc in docs).most_common(1)[0][0] in ("werkzeug", "projekt")
    assert 0.05 < sum(doc.visibility == MEMBERS for doc in docs) / len(docs) < 0.25
    fields = {value for doc in docs for value in doc.facets["handlungsfeld"]}
    assert fields == set(vocabulary.action_fields)  # all 9 action fields occur
    assert all(1 <= len(doc.facets["handlungsfeld"]) <= 3 for doc in docs)
    assert {doc.kind for doc in docs if doc.facets.get("status")} == {"werkzeug"}
    laender = {doc.facets["region"][0][:2] for doc in docs}
    assert len(laender) == 16
    assert len({doc.facets["jahr"][0] for doc in docs}) > 10
    assert len({word for doc in docs for word in doc.body.split()}) > 500  # not a tiny vocabulary


def test_documents_gain_region_ancestors_for_both_ways(vocabulary):
    key, doc = next(
        (k, d) for k, d in corpus.make_documents(50, vocabulary) if len(d.facets["region"][0]) == 5
    )
    data = to_document_data(key, doc, RegionInfo(preload=True))
    kreis = doc.facets["region"][0]
    assert kreis[:2] in data.facets["region"] and kreis in data.facets["region"]
    row = wagtail_way.from_data(data)
    assert (row.land, row.kreis) == (kreis[:2], kreis)
    assert row.handlungsfeld == data.facets["handlungsfeld"][0]


def test_query_mix_has_text_filters_sorts_and_viewers(vocabulary):
    requests = corpus.make_queries(200, vocabulary)
    assert requests == corpus.make_queries(200, vocabulary)  # same mix every run
    assert len(requests) == 200
    assert Counter(len(r.filters) for r in requests).keys() == {0, 1, 2, 3}
    assert {name for r in requests for name in r.filters} == set(FACETS)
    assert 0.1 < sum(not r.q for r in requests) / 200 < 0.35
    assert {r.sort for r in requests} == {"relevanz", "neueste", "titel"}
    assert {r.viewer for r in requests} == {"public", "members"}
    assert any(r.page == 2 for r in requests)


def test_the_wagtail_way_is_compared_only_where_it_has_the_columns(vocabulary):
    """It has no column for the later facets (measures, progress, quality): such requests are
    timed for Werkstatt alone, and most of the mix is still compared."""
    requests = corpus.make_queries(200, vocabulary)
    compared = [r for r in requests if wagtail_way.supports(r)]
    assert all(set(r.filters) <= {*wagtail_way.FACET_COLUMNS, "region"} for r in compared)
    assert any("qualitaet" in r.filters for r in requests)
    assert not any("qualitaet" in r.filters for r in compared)
    assert len(compared) > 100


def test_scratch_database_is_never_the_configured_one(settings):
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "es"}
    assert runner.scratch_name(postgres, 10_000) == "bench_es_10000"
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/x/db.sqlite3"}
    assert runner.scratch_name(sqlite, 500) == str(settings.VAR_DIR / "bench_search_500.sqlite3")


def test_report_puts_both_ways_and_the_ratio_side_by_side():
    result = {
        "database": "bench_es",
        "vendor": "postgresql",
        "docs": 10000,
        "queries": 200,
        "built": True,
        "build_seconds": 42.0,
        "backend": "PostgresBackend",
        "ours": {"p50": 5.0, "p95": 12.5, "max": 30.0},
        "ours_paired": {"p50": 5.0, "p95": 10.0, "max": 30.0},
        "ours_cpu": {"p50": 4.0, "p95": 9.5, "max": 20.0},
        "wagtail": {"p50": 300.0, "p95": 800.0, "max": 900.0},
        "wagtail_queries": 120,
        "load": (2.5, 2.0, 1.5),
    }
    table = runner.format_table(result)
    assert "10000 Dokumente" in table and "Last 2.50" in table
    assert "Werkstatt (PostgresBackend)" in table and "12.5" in table
    assert "Wagtail (.search + .facet)" in table and "800.0" in table
    assert "denselben 120 Anfragen: 80.0x" in table
    assert "CPU dieses Prozesses" in table and "9.5" in table


def test_percentile():
    values = [i / 1000 for i in range(1, 101)]
    assert runner.percentile(values, 95) == pytest.approx(0.095, abs=0.0011)
    assert runner.percentile([0.2], 95) == 0.2


def test_rebuild_report_names_wall_client_and_server_cpu():
    result = {
        "database": "bench_es_100000",
        "vendor": "postgresql",
        "docs": 100000,
        "backend": "PostgresBackend",
        "wall": 41.25,
        "cpu": 14.5,
        "server_cpu": 36.0,
        "load": (4.26, 5.85, 3.6),
    }
    line = runner.format_rebuild(result)
    assert "100000 Dokumente: 41.2 s Wand, 14.5 s CPU dieses Prozesses" in line
    assert "36.0 s CPU Server" in line and "Last 4.26/5.85" in line
    assert "Server" not in runner.format_rebuild({**result, "server_cpu": None})


def test_server_cpu_counts_the_work_of_every_connection_to_the_database(db):
    """On PostgreSQL the server's CPU time of a statement on this very connection is seen
    (the watcher's own connection is left out); SQLite has no server."""
    with runner.ServerCpu(every=0.05) as server, connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM generate_series(1, 5000000)")
    if connection.vendor == "postgresql":
        assert server.seconds > 0.1
    else:
        assert server.seconds is None
