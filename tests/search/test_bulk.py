"""The database backend's bulk paths (issue 11, point 5; issue 12's latency): a rebuild in bulk
SQL that leaves the schema as it found it and makes every snapshot reload once, and the
shortcuts of large result sets (summary tier only when the page needs it, partial sort) that
must order exactly as the full way does.
"""

import datetime

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
    backend.search(SearchRequest())
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
    assert counted["loads"] == 2  # the „everything“ row made the cached snapshot reload
    incremental = answers(columns.snapshot())
    columns._snapshots.clear()
    assert incremental == answers(columns.snapshot())
    # The triggers are back: one more write is logged and applied alone.
    logged = SearchChange.objects.count()
    write_documents([doc("test.doc:4", title="Dorfladen mit Paketstation")])
    assert SearchChange.objects.count() == logged + 1
    assert backend.search(SearchRequest(q="Paketstation")).total == 1
    assert counted["loads"] == 3  # the test's own clear above, then no reload for the write


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
