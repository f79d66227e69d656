"""The database backend's bulk paths (issue 11, point 5; issue 12's latency): a rebuild in bulk
SQL that leaves the schema as it found it and makes every snapshot reload once, and the
shortcuts of large result sets (summary tier only when the page needs it, partial sort) that
must order exactly as the full way does.
"""

import datetime
import threading
from dataclasses import replace

import pytest
from django.db import connection

from search.backends import get_backend
from search.backends.database import columns
from search.contract import SearchRequest
from search.indexing import to_document_data, write_documents
from search.models import SearchChange, SearchDocument, SearchFacetValue, SearchTerm
from search.registry import IndexDocument

from .conftest import CORPUS
from .test_change_log import answers, counted, doc  # noqa: F401 - the fixture is used by name


def schema():
    """Indexes and (enabled) triggers of the projection's tables, as the database lists them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
                "('search_searchdocument', 'search_searchfacetvalue', 'search_text') "
                "UNION ALL SELECT tgname, tgenabled::text FROM pg_trigger "
                "WHERE tgrelid = 'search_searchdocument'::regclass AND NOT tgisinternal"
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE tbl_name IN "
                "('search_searchdocument', 'search_searchfacetvalue', 'search_fts')"
            )
        return sorted(cursor.fetchall())


def test_a_rebuild_replaces_everything_restores_the_schema_and_reloads_snapshots(
    corpus,
    counted,  # noqa: F811
):
    backend = get_backend("database")
    # A snapshot is cached now: loaded here, or kept from an earlier module's test.
    backend.search(SearchRequest())
    loads = counted["loads"]
    before = schema()
    datas = [to_document_data(key, document) for key, document in CORPUS.items()]
    datas[0].title = "Lernwerkstatt im Rathaus"
    datas.pop()  # one document fewer

    assert backend.rebuild(iter(datas)) == len(CORPUS) - 1

    assert schema() == before
    assert SearchDocument.objects.count() == len(CORPUS) - 1
    assert SearchFacetValue.objects.count() == sum(
        len(dict.fromkeys(v)) for d in datas for v in d.facets.values()
    )
    assert SearchTerm.objects.filter(folded="lernwerkstatt").exists()  # vocabulary written
    assert [h.title for h in backend.search(SearchRequest(q="Lernwerkstatt")).hits] == [
        "Lernwerkstatt im Rathaus"
    ]
    assert counted["loads"] == loads + 1  # the „everything“ row made the cached snapshot reload
    incremental = answers(columns.snapshot())
    columns._snapshots.clear()
    assert incremental == answers(columns.snapshot())
    # The triggers are back: one more write is logged and applied alone.
    logged = SearchChange.objects.count()
    write_documents([doc("test.doc:4", title="Dorfladen mit Paketstation")])
    assert SearchChange.objects.count() == logged + 1
    assert backend.search(SearchRequest(q="Paketstation")).total == 1
    assert counted["loads"] == loads + 2  # the test's own clear above, then no reload for the write


ON_POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL: Textaufbau auf eigenen Verbindungen"
)


def _hits(backend, q="Pflege"):
    return [hit.id for hit in backend.search(SearchRequest(q=q)).hits]


# These tests use documents without regions: a transactional test may run after one that
# flushed the shipped regions away.
@ON_POSTGRES
@pytest.mark.django_db(transaction=True)  # the rebuild runs on connections of its own
def test_searches_keep_answering_from_the_old_index_while_a_rebuild_runs():
    """PostgreSQL: a rebuild's transaction locks out writers, not searches: meanwhile a search
    answers at once, from the old index (the text is built beside the live table and swapped in
    at the end; a TRUNCATE of the live table made every text search wait for the whole run).
    Afterwards the new documents are found. (SQLite has one writer and remakes the
    projection's schema inside the rebuild, which its in-memory test database locks.)"""
    write_documents([to_document_data(key, d) for key, d in _many(6).items()])
    backend = get_backend("database")
    before = _hits(backend)
    assert len(before) == 6
    started, go_on, errors = threading.Event(), threading.Event(), []

    def documents():
        started.set()  # the rebuild's transaction has emptied the old projection by now
        go_on.wait(60)
        yield to_document_data("test.new:1", replace(_many(1)["test.bulk:0"], title="Pflegetag"))

    def rebuild():
        try:
            backend.rebuild(documents())
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=rebuild)
    thread.start()
    try:
        assert started.wait(60)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # waiting for the lock fails the test
        during = _hits(backend)
    finally:
        go_on.set()
        thread.join()
    assert not errors
    assert during == before
    assert _hits(backend) == ["test.new:1"]


def failed_rebuild(monkeypatch):
    """The source fails after some batches are written: everything stays as it was, the
    staging table of the text (PostgreSQL) is gone."""
    from search.backends import database

    write_documents([to_document_data(key, d) for key, d in _many(6).items()])
    backend = get_backend("database")
    before = _hits(backend)
    monkeypatch.setattr(database, "BULK", 2)  # several batches out of a few documents

    def documents():
        for key, document in _many(6).items():
            yield to_document_data(f"{key}-neu", document)
        raise RuntimeError("Quelle nicht lesbar")

    with pytest.raises(RuntimeError, match="Quelle nicht lesbar"):
        backend.rebuild(documents())

    assert sorted(SearchDocument.objects.values_list("key", flat=True)) == sorted(_many(6))
    assert _hits(backend) == before
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('search_text_build')")
            assert cursor.fetchone() == (None,)


def test_a_failed_rebuild_inside_a_transaction_leaves_everything_as_it_was(db, monkeypatch):
    """Inside a caller's transaction, PostgreSQL writes the staging table on its own connection."""
    failed_rebuild(monkeypatch)


@ON_POSTGRES
@pytest.mark.django_db(transaction=True)
def test_a_failed_rebuild_of_its_own_leaves_everything_as_it_was(monkeypatch):
    """A rebuild that is a transaction of its own writes the staging table from other
    connections; they stop and the table is dropped."""
    failed_rebuild(monkeypatch)


def _many(count, start=datetime.date(2000, 1, 1)):
    """`count` documents: every third has the word in its title, every third in its summary,
    the rest in the body; dates and titles all different."""
    documents = {}
    for number in range(count):
        where = number % 3
        documents[f"test.bulk:{number}"] = IndexDocument(
            kind="werkzeug",
            title=f"{'Pflege ' if where == 0 else ''}Werkzeug {number:03d}",
            url=f"/werkzeuge/{number}/",
            summary="Pflege im Quartier" if where == 1 else "Ein Werkzeug",
            body="Pflege und Alltag" if where == 2 else "Alltag",
            date=start + datetime.timedelta(days=37 * number),
        )
    return documents


@pytest.mark.parametrize("title_docs", [3, 40])
def test_large_match_sets_order_like_the_full_tiers(db, stolberg, title_docs):
    """More matches than are ranked one by one: the summary tier is read only when the title
    tier cannot fill the page, and only the page's candidates are sorted; the order is the
    same as ranking every tier and sorting everything."""
    documents = _many(3 * title_docs)
    write_documents([to_document_data(key, d) for key, d in documents.items()])
    backend = get_backend("database")
    backend.exact_rank_limit = 0  # tiers from the first match on (an instance setting)
    try:
        for request in [
            SearchRequest(q="Pflege"),
            SearchRequest(q="Pflege", page=2),
            SearchRequest(q="Pflege", sort="neueste", page=2),
            SearchRequest(q="Pflege", sort="titel", page=2),
        ]:
            found = backend.search(request)
            tier = {key: int(key.rsplit(":", 1)[1]) % 3 for key in documents}
            if request.sort == "relevanz":
                expected = sorted(
                    documents, key=lambda k: (tier[k], -documents[k].date.toordinal())
                )
            elif request.sort == "neueste":
                expected = sorted(documents, key=lambda k: -documents[k].date.toordinal())
            else:
                expected = sorted(documents, key=lambda k: documents[k].title.casefold())
            page = expected[request.offset : request.offset + request.page_size]
            assert found.total == len(documents)
            assert [hit.id for hit in found.hits] == page, request
    finally:
        del backend.exact_rank_limit
