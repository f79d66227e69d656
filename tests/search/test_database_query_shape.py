"""How the database backend asks the database (found slow by bench_search, kept fast here).

SQLite must drive text searches from the FTS5 index, never probe it once per document; facet
counts walk few matches and scan for many, with the same numbers either way.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import get_backend
from search.backends.database import DOC, Source
from search.contract import FACETS, MEMBERS, SearchRequest
from search.indexing import to_document_data, write_documents
from search.text import query_terms

from .conftest import CORPUS

only_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="nur SQLite")


@pytest.fixture
def corpus(db, stolberg):
    write_documents([to_document_data(key, doc) for key, doc in CORPUS.items()])


def plans_of_text_queries(request):
    with CaptureQueriesContext(connection) as captured:
        response = get_backend("database").search(request)
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            if "MATCH" in query["sql"] and query["sql"].lstrip().startswith("SELECT"):
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                plans.append([row[-1] for row in cursor.fetchall()])
    return response, plans


@only_sqlite
@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest(q="Beirat"),
        SearchRequest(q="Beirat Satzung", filters={"region": ("05",)}),
        SearchRequest(q="Laden", filters={"handlungsfeld": ("mobilitaet-und-nahversorgung",)}),
    ],
    ids=["text", "text+region", "text+handlungsfeld"],
)
def test_text_queries_scan_fts_first_and_fetch_documents_by_key(corpus, request_):
    response, plans = plans_of_text_queries(request_)
    assert response.total >= 1
    assert len(plans) >= 3  # count, hits, facet counts
    for plan in plans:
        fts = next(i for i, step in enumerate(plan) if "search_fts VIRTUAL TABLE" in step)
        docs = next(
            i for i, step in enumerate(plan) if "SEARCH d USING INTEGER PRIMARY KEY" in step
        )
        assert fts < docs, plan
        assert not any("SEARCH d USING" in step and "visibility" in step for step in plan), plan


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest(),
        SearchRequest(viewer=MEMBERS),
        SearchRequest(q="Beirat"),
        SearchRequest(q="Laden", filters={"region": ("13",)}),
        SearchRequest(filters={"handlungsfeld": ("mobilitaet-und-nahversorgung",)}),
        SearchRequest(q="Raumschiff"),
    ],
    ids=["all", "members", "text", "text+region", "field", "nothing"],
)
def test_walking_and_scanning_count_alike(corpus, request_):
    """Few matches are counted by walking them, many by scanning: the numbers must agree."""
    backend = get_backend("database")
    terms = query_terms(request_.q)
    source = backend._text_source(request_.q, terms) if terms else Source(f"{DOC} d")
    where, params = backend._where(request_, source)
    walked = {facet: {} for facet in FACETS}
    scanned = {facet: {} for facet in FACETS}
    # matching=0 takes the walking branch, matching=None the scanning one
    backend._count_into(walked, list(FACETS), source, where, params, 0, 1)
    backend._count_into(scanned, list(FACETS), source, where, params, None, 1)
    assert walked == scanned
    if request_.q != "Raumschiff":
        assert any(walked.values())
