"""After a write, the column snapshot applies only the changed documents (issue 11, point 4).

The insert-only change log (`SearchChange`, written by triggers) names each written or deleted
document; the next search re-reads only those. The incrementally updated snapshot must answer
exactly as a freshly loaded one: counts, filters, visibility and both orders. A rollback that
took rows the snapshot had applied, and a TRUNCATE, make it load anew. Writers share no row.
"""

import datetime
from dataclasses import replace

import numpy as np
import pytest
from django.db import connection, transaction

from search.backends import get_backend
from search.backends.database import columns
from search.contract import FACETS, MEMBERS, PUBLIC, SearchRequest
from search.indexing import to_document_data, write_documents
from search.models import SearchChange, SearchDocument

from .conftest import CORPUS


@pytest.fixture
def counted(monkeypatch):
    """Counts full loads and records the documents each incremental update applied."""
    calls = {"loads": 0, "applied": []}
    load, apply = columns.load, columns.Snapshot.apply

    def counting_load(*args, **kwargs):
        calls["loads"] += 1
        return load(*args, **kwargs)

    def recording_apply(self, changed_ids, cursor):
        calls["applied"].append(sorted(set(changed_ids)))
        return apply(self, changed_ids, cursor)

    monkeypatch.setattr(columns, "load", counting_load)
    monkeypatch.setattr(columns.Snapshot, "apply", recording_apply)
    return calls


def answers(snap):
    """Everything the snapshot decides, in document ids (independent of slots)."""
    found = {}
    for viewer in (PUBLIC, MEMBERS):
        mask = snap.visible(viewer)
        found[viewer, "ids"] = sorted(snap.ids[mask].tolist())
        for facet in FACETS:
            found[viewer, facet] = snap.count(facet, mask)
        for facet, value in [("handlungsfeld", "bildung"), ("region", "05"), ("art", "werkzeug")]:
            chosen = mask & snap.filter_mask(facet, [value])
            found[viewer, facet, value] = sorted(snap.ids[chosen].tolist())
        alive = mask.nonzero()[0]
        found[viewer, "neueste"] = snap.ids[alive[snap.date_rank[alive].argsort()]].tolist()
        found[viewer, "titel"] = snap.ids[alive[snap.title_rank[alive].argsort()]].tolist()
    return found


def doc(key, **changes):
    return to_document_data(key, replace(CORPUS.get(key, CORPUS["test.doc:3"]), **changes))


def test_one_write_applies_only_that_document(corpus, counted):
    backend = get_backend("database")
    backend.search(SearchRequest())
    assert counted["loads"] == 1
    changed = SearchDocument.objects.get(key="test.doc:4").pk

    write_documents([doc("test.doc:4", title="Dorfladen mit Paketstation")])
    found = backend.search(SearchRequest(q="Paketstation"))

    assert counted["loads"] == 1  # no reload
    assert counted["applied"] == [[changed]]
    assert [hit.title for hit in found.hits] == ["Dorfladen mit Paketstation"]
    assert backend.search(SearchRequest()).total == len(CORPUS) - 1  # one is members-only


def test_incremental_updates_answer_like_a_fresh_snapshot(corpus, counted):
    backend = get_backend("database")
    backend.search(SearchRequest())
    write_documents(
        [
            # a new tool, dated, in Bildung and NRW
            doc(
                "test.doc:new1",
                title="Aaa Lernwerkstatt",
                date=datetime.date(2025, 5, 1),
                facets={"handlungsfeld": ["bildung"], "region": ["05358"], "jahr": ["2025"]},
            ),
            # retitled (moves to the end of the title order), undated, other facets
            doc("test.doc:3", title="Zebrastreifen vor der Schule", date=None),
            # now members-only
            doc("test.doc:5", visibility=MEMBERS),
            # a new one without a date or facets, titled like its neighbour
            doc("test.doc:new2", title="Dorfladen an der Straße", date=None, facets={}),
        ]
    )
    SearchDocument.objects.filter(key="test.doc:6").delete()  # past the backend
    backend.search(SearchRequest())
    assert counted["loads"] == 1
    incremental = answers(columns.snapshot())

    columns._snapshots.clear()
    fresh = answers(columns.snapshot())
    assert counted["loads"] == 2
    assert incremental == fresh


def test_a_rolled_back_write_is_forgotten(corpus, counted):
    backend = get_backend("database")
    assert backend.search(SearchRequest(q="Lernwerkstatt")).full_total == 0
    with transaction.atomic():
        write_documents([doc("test.doc:new", title="Lernwerkstatt im Rathaus")])
        assert backend.search(SearchRequest(q="Lernwerkstatt")).total == 1  # own transaction
        transaction.set_rollback(True)
    after = backend.search(SearchRequest(q="Lernwerkstatt"))
    assert after.full_total == 0 and "test.doc:new" not in [hit.id for hit in after.hits]
    kinds = {b.value: b.count for b in backend.search(SearchRequest()).facets["art"]}
    tools = sum(1 for d in CORPUS.values() if d.kind == "werkzeug" and d.visibility == PUBLIC)
    assert kinds["werkzeug"] == tools  # the rolled-back tool is not counted
    assert counted["loads"] == 2  # the rollback took a row it had applied: loaded anew


def test_the_change_log_is_insert_only_one_row_per_document(corpus):
    before = SearchChange.objects.count()
    write_documents([doc("test.doc:3", title="Schulweg"), doc("test.doc:4", title="Laden")])
    rows = list(SearchChange.objects.order_by("id")[before:])
    ids = set(
        SearchDocument.objects.filter(key__in=["test.doc:3", "test.doc:4"]).values_list(
            "pk", flat=True
        )
    )
    assert {row.document_id for row in rows} == ids
    assert all(row.nonce is not None for row in rows)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_writers_do_not_wait_for_each_other(db):
    """Two index writes in open transactions at once, on two connections of their own: the
    second commits while the first is still open (the shared token row made it wait)."""
    import psycopg

    settings = connection.settings_dict
    params = {
        "dbname": settings["NAME"],
        "user": settings["USER"],
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "password": settings["PASSWORD"] or None,
    }
    columns_sql = (
        "INSERT INTO search_searchdocument (key, kind, title, summary, body, keywords, url, "
        "visibility, region_label, action_field_colour, facets, title_sort, fingerprint, "
        "indexed_at, date_precision) VALUES (%s, 'werkzeug', %s, '', '', '', '/x/', 'public', "
        "'', '', '{}', %s, '', now(), 'tag')"
    )
    first = psycopg.connect(**params)
    second = psycopg.connect(**params)
    try:
        first.execute(columns_sql, ["test.writer:1", "Erster Schreiber", "erster schreiber"])
        second.execute("SET lock_timeout = '3s'")
        second.execute(columns_sql, ["test.writer:2", "Zweiter Schreiber", "zweiter schreiber"])
        second.commit()  # would time out behind the first transaction's row lock before
        logged = second.execute(
            "SELECT count(*) FROM search_searchchange c JOIN search_searchdocument d "
            "ON d.id = c.document_id WHERE d.key = 'test.writer:2'"
        ).fetchone()[0]
        assert logged == 1
    finally:
        first.rollback()
        second.rollback()
        second.execute("DELETE FROM search_searchdocument WHERE key LIKE 'test.writer:%%'")
        second.commit()
        first.close()
        second.close()


def test_new_documents_read_back_out_of_id_order_keep_the_lookup_exact(corpus, counted, caplog):
    """The database returns the changed rows in its own order (PostgreSQL: heap order, which an
    update or reused free space after a table reset makes differ from id order). New ids must
    still land sorted in the snapshot's id lookup; an unsorted lookup lost documents and made
    `apply` fail (ValueError) after the transactional tests had reset the tables."""
    backend = get_backend("database")
    backend.search(SearchRequest())
    with transaction.atomic():
        write_documents(
            [
                doc("test.doc:new1", title="Lernwerkstatt im Rathaus"),
                doc("test.doc:new2", title="Lernwerkstatt am Markt"),
                doc("test.doc:new3", title="Lernwerkstatt im Dorf"),
            ]
        )
        # The lowest new id is written again: on PostgreSQL its row moves behind the others.
        write_documents([doc("test.doc:new1", title="Lernwerkstatt im Rathaus, neu")])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # read the changed rows in heap order, as a
            cursor.execute("SET LOCAL enable_indexscan = off")  # larger set is read
            cursor.execute("SET LOCAL enable_bitmapscan = off")
    with caplog.at_level("ERROR", logger="search"):
        found = backend.search(SearchRequest(q="Lernwerkstatt"))
    assert found.total == 3
    assert not [r for r in caplog.records if "nicht anwendbar" in r.getMessage()]
    assert counted["loads"] == 1  # applied, not read anew
    snap = columns.snapshot()
    assert np.all(np.diff(snap.sorted_ids) > 0)
    incremental = answers(snap)
    columns._snapshots.clear()
    assert incremental == answers(columns.snapshot())
