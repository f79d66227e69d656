"""The database backend's text index (FTS5 table on SQLite, `search_text` on PostgreSQL) follows
the projection: rows deleted or truncated past the backend leave no text behind."""

from dataclasses import replace

import pytest
from django.core.management import call_command
from django.db import connection

from search.backends import get_backend
from search.contract import SearchRequest
from search.models import SearchDocument

from .conftest import CORPUS


def text_rows():
    table = "search_fts" if connection.vendor == "sqlite" else "search_text"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - one of two names
        return cursor.fetchone()[0]


def test_every_document_has_text_and_deleting_rows_removes_it(corpus):
    backend = get_backend("database")
    assert text_rows() == len(CORPUS)
    assert set(backend.indexed_keys()) == set(CORPUS)

    SearchDocument.objects.filter(key="test.doc:3").delete()  # past the backend: the ORM
    assert text_rows() == len(CORPUS) - 1
    assert "test.doc:3" not in backend.indexed_keys()


def test_reindexing_a_document_replaces_its_text(corpus):
    from search.indexing import to_document_data, write_documents

    backend = get_backend("database")
    changed = replace(CORPUS["test.doc:3"], title="Sicherer Schulweg", body="Zebrastreifen")
    write_documents([to_document_data("test.doc:3", changed)])
    assert text_rows() == len(CORPUS)
    found = backend.search(SearchRequest(q="Zebrastreifen"))
    assert [hit.title for hit in found.hits] == ["Sicherer Schulweg"]
    assert backend.search(SearchRequest(q="Tempo")).total == 0  # the old body is gone


# The flush also empties what migrations ship (regions, Wagtail's root page); tests/conftest.py
# puts it back after every flush. (serialized_rollback here stopped that after this test's own
# teardown flush, and its restore collided with rows a flush before it had put back.)
@pytest.mark.django_db(transaction=True)
def test_flushing_the_database_empties_the_text_index(regions):
    from search.indexing import to_document_data, write_documents

    corpus = {key: doc for key, doc in CORPUS.items() if doc.facets.get("region") != ["05334032"]}
    write_documents([to_document_data(key, doc) for key, doc in corpus.items()])
    assert text_rows() == len(corpus) > 0
    call_command("flush", interactive=False, verbosity=0)  # TRUNCATE on PostgreSQL
    assert text_rows() == 0


def test_writes_past_the_backend_renew_the_snapshot(corpus):
    """Triggers renew the snapshot token, so ORM or SQL fixes are searched at once."""
    backend = get_backend("database")
    assert backend.search(SearchRequest(q="Radweg")).total == 2
    SearchDocument.objects.filter(key="test.doc:3").update(visibility="members")
    assert [h.title for h in backend.search(SearchRequest(q="Radweg")).hits] == [
        "Sozialbericht Bremerhaven 2020"
    ]
    SearchDocument.objects.filter(key="test.doc:5").delete()
    assert backend.search(SearchRequest(q="Radweg")).total == 0
    kinds = {b.value for b in backend.search(SearchRequest()).facets["art"]}
    assert "bericht" not in kinds  # the only Bericht is gone from the counts too


def test_row_read_rechecks_visibility_after_the_snapshot(corpus):
    """A document hidden between the snapshot and the row read is not shown to the public."""
    from search.backends.database import columns
    from search.contract import MEMBERS, PUBLIC

    backend = get_backend("database")
    snap = columns.snapshot()
    public_ids = snap.ids[snap.visible(PUBLIC)].tolist()
    assert len(backend._hits(public_ids, [], PUBLIC)) == len(public_ids)
    changed = SearchDocument.objects.get(pk=public_ids[0])
    SearchDocument.objects.filter(pk=changed.pk).update(visibility=MEMBERS)
    shown = [hit.id for hit in backend._hits(public_ids, [], PUBLIC)]
    assert changed.key not in shown and len(shown) == len(public_ids) - 1
    assert changed.key in [hit.id for hit in backend._hits(public_ids, [], MEMBERS)]
