"""Elasticsearch down: the database answers, the page gets a notice, publishing goes on.

"Down" is real here: http://127.0.0.1:9 (discard port, nothing listens) refuses connections,
so the client's actual error path runs, not a mock.
"""

import io
import logging
import socket
import time

import pytest

from search import indexing
from search.backends import active_backend_name, get_backend
from search.backends.elasticsearch import ElasticsearchBackend, ElasticsearchUnavailable
from search.contract import SearchRequest
from search.models import SearchDocument, SearchOutbox
from search.service import autocomplete_with_fallback, search_with_fallback

from .conftest import CORPUS
from .test_indexing import add_page, page_adapter, parent  # noqa: F401 - fixtures

UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def elasticsearch_down(settings, stolberg):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    settings.ELASTICSEARCH_TIMEOUT = 2
    settings.SEARCH_BACKEND = ""
    assert active_backend_name() == "elasticsearch"
    assert isinstance(get_backend(), ElasticsearchBackend)
    return get_backend()


@pytest.fixture
def corpus_written(elasticsearch_down, caplog):
    """The worked-example corpus, written while Elasticsearch is down (must not raise)."""
    with caplog.at_level(logging.ERROR, logger="search"):
        indexing.write_documents(
            [indexing.to_document_data(key, doc) for key, doc in CORPUS.items()]
        )
    assert SearchDocument.objects.count() == len(CORPUS)
    caplog.clear()


def search_records(caplog):
    return [r for r in caplog.records if r.name == "search" and r.levelno >= logging.ERROR]


def test_search_is_answered_by_the_database_with_a_notice(corpus_written, caplog):
    with caplog.at_level(logging.ERROR, logger="search"):
        response = search_with_fallback(SearchRequest(q="Bürgerbus"))
    assert response.backend == "database"
    assert [hit.title for hit in response.hits] == ["Bürgerbus organisieren"]
    assert response.notice.startswith("Die Volltextsuche ist gerade nicht erreichbar")
    records = search_records(caplog)
    assert records, "the failure must be logged"
    assert any(isinstance(r.exc_info[1], ElasticsearchUnavailable) for r in records if r.exc_info)


def test_autocomplete_is_answered_by_the_database(corpus_written, caplog):
    with caplog.at_level(logging.ERROR, logger="search"):
        assert autocomplete_with_fallback("Bürg") == ["Bürgerbus organisieren"]
    assert search_records(caplog)


def test_backend_raises_unavailable_for_queries_and_rebuild(elasticsearch_down):
    with pytest.raises(ElasticsearchUnavailable):
        elasticsearch_down.search(SearchRequest(q="Pflege"))
    with pytest.raises(ElasticsearchUnavailable):
        elasticsearch_down.autocomplete("Pfl")
    with pytest.raises(ElasticsearchUnavailable):
        elasticsearch_down.rebuild([])
    with pytest.raises(ElasticsearchUnavailable):
        elasticsearch_down.indexed_keys()


def test_index_and_delete_raise_so_the_queue_keeps_the_change(elasticsearch_down):
    data = indexing.to_document_data("test.doc:2", CORPUS["test.doc:2"])
    with pytest.raises(ElasticsearchUnavailable, match="index"):
        elasticsearch_down.index([data])
    with pytest.raises(ElasticsearchUnavailable, match="delete"):
        elasticsearch_down.delete(["test.doc:2"])


def test_publishing_with_elasticsearch_down_succeeds(
    elasticsearch_down,
    parent,  # noqa: F811
    page_adapter,  # noqa: F811
    django_capture_on_commit_callbacks,
    caplog,
):
    from wagtail.models import Page

    with (
        caplog.at_level(logging.ERROR, logger="search"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = add_page(parent, "Quartiersfonds Stolberg", "quartiersfonds", live=False)
        page.save_revision().publish()
    assert Page.objects.get(pk=page.pk).live
    # the projection (source of truth) has it; Elasticsearch's miss is logged for check_search
    assert SearchDocument.objects.filter(title="Quartiersfonds Stolberg").exists()
    assert search_records(caplog)
    # ... and the change waits in the outbox until the cluster answers again
    key = SearchDocument.objects.get(title="Quartiersfonds Stolberg").key
    assert SearchOutbox.objects.filter(key=key, attempts__gte=1).exists()
    response = search_with_fallback(SearchRequest(q="Quartiersfonds"))
    assert (response.backend, [h.title for h in response.hits]) == (
        "database",
        ["Quartiersfonds Stolberg"],
    )


@pytest.fixture
def silent_server():
    """A TCP port that accepts connections and never answers (a hanging cluster)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()


def test_a_hanging_cluster_times_out_once_without_retries(silent_server, corpus_written, settings):
    settings.ELASTICSEARCH_URL = silent_server
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    backend = get_backend()
    assert isinstance(backend, ElasticsearchBackend) and backend.url == silent_server
    start = time.monotonic()
    with pytest.raises(ElasticsearchUnavailable, match="search"):
        backend.search(SearchRequest(q="Pflege"))
    assert time.monotonic() - start < 1.4  # one attempt of 0.5 s, no retries
    response = search_with_fallback(SearchRequest(q="Dorfladen"))
    assert response.backend == "database" and response.total == 1
    assert response.notice


def test_rebuild_and_check_commands_report_elasticsearch_down(corpus_written):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Suchindex konnte nicht aufgebaut werden"):
        call_command("rebuild_search", "--backend", "elasticsearch", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Prüfung nicht möglich: Elasticsearch"):
        call_command("check_search", "--backend", "elasticsearch", stdout=io.StringIO())
