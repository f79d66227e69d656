"""Fault injection for the search cluster, on 127.0.0.1 only: a closed port, a process that
accepts and never answers, and a stand-in Elasticsearch (tests/faults/fake_elasticsearch.py)
that can be hung and brought back. Shows: the breaker opens and searches then answer from the
database within 300 ms; publishing does not wait for a hung cluster; a change made while the
cluster was down arrives after it returns (queue drained, or check_search --repair); a rebuild
with a publish in the middle loses nothing; /healthz reports all of it."""

import io
import time

import pytest
from django.core.management import call_command
from django.test import Client

from search import drift, indexing, queue
from search.backends import get_backend
from search.contract import SearchRequest
from search.models import SearchDocument, SearchOutbox
from search.service import search_with_fallback
from tests.faults.servers import closed_port, fake_elasticsearch, hung_server

from .conftest import CORPUS
from .test_indexing import add_page, page_adapter, parent  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def cluster_titles(fake):
    """Titles in the index the alias points to, as the stand-in cluster holds them."""
    state = fake.state()
    (index,) = state["aliases"]["werkstatt"]
    return sorted(doc["title"] for doc in state["indices"][index].values())


@pytest.fixture
def cluster_settings(settings, stolberg):
    settings.SEARCH_BACKEND = ""
    settings.ELASTICSEARCH_INDEX = "werkstatt"
    settings.ELASTICSEARCH_TIMEOUT = 1
    settings.SEARCH_BREAKER_FAILURES = 2
    settings.SEARCH_BREAKER_COOLDOWN = 60
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return settings


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
IN_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _write_corpus():
    indexing.write_documents([indexing.to_document_data(k, d) for k, d in CORPUS.items()])


@pytest.mark.parametrize("fault", ["closed", "hung"])
def test_breaker_opens_and_searches_answer_from_the_database_within_300_ms(
    cluster_settings, fault, capsys
):
    with hung_server() as hung_port:
        port = closed_port() if fault == "closed" else hung_port
        cluster_settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
        _write_corpus()
        backend = get_backend()
        assert backend.name == "elasticsearch" and backend.breaker.current_state == "closed"
        before = []
        for _ in range(2):  # the failures that open the breaker (each at most the timeout)
            started = time.perf_counter()
            response = search_with_fallback(SearchRequest(q="Bürgerbus"))
            before.append(time.perf_counter() - started)
            assert response.backend == "database" and response.notice
        assert backend.breaker.current_state == "open"
        after = []
        for _ in range(20):
            started = time.perf_counter()
            response = search_with_fallback(SearchRequest(q="Bürgerbus"))
            after.append(time.perf_counter() - started)
            assert response.backend == "database"
            assert [hit.title for hit in response.hits] == ["Bürgerbus organisieren"]
            assert response.notice.startswith("Die Volltextsuche ist gerade nicht erreichbar")
        assert max(after) < 0.3, after
        with capsys.disabled():
            print(
                f"\n[{fault}] vor dem Öffnen: {', '.join(f'{s:.3f}' for s in before)} s; "
                f"danach max {max(after) * 1000:.1f} ms, Median "
                f"{sorted(after)[len(after) // 2] * 1000:.1f} ms"
            )


def test_probe_closes_the_breaker_when_the_cluster_is_back(cluster_settings):
    cluster_settings.SEARCH_BREAKER_COOLDOWN = 0.2
    cluster_settings.TASKS = IMMEDIATE  # the probe task runs where it is enqueued
    with fake_elasticsearch(major=9) as fake:
        cluster_settings.ELASTICSEARCH_URL = fake.url
        backend = get_backend()
        fake.hang()
        for _ in range(2):
            search_with_fallback(SearchRequest(q="Pflege"))
        assert backend.breaker.current_state == "open"
        fake.recover()
        time.sleep(0.3)
        # This caller asks the database; the probe task it enqueued (run right here by the
        # immediate backend, by the task worker in production) finds the cluster back.
        assert backend.breaker.allow() is False
        assert backend.breaker.current_state == "closed"


@pytest.mark.django_db(transaction=True)
def test_publishing_does_not_wait_and_changes_arrive_after_the_outage(
    cluster_settings,
    parent,  # noqa: F811
    page_adapter,  # noqa: F811
    capsys,
):
    cluster_settings.TASKS = IN_DATABASE  # the drain waits for the task worker
    with fake_elasticsearch(major=9) as fake:
        cluster_settings.ELASTICSEARCH_URL = fake.url
        page = add_page(parent, "Quartiersfonds Stolberg", "quartiersfonds")
        page.save_revision().publish()
        call_command("drain_search_queue", stdout=io.StringIO())
        assert "Quartiersfonds Stolberg" in cluster_titles(fake)

        fake.hang()
        timings = []
        for title in ("Quartiersfonds Stolberg 2027", "Quartiersfonds Stolberg 2028"):
            page.title = title
            started = time.perf_counter()
            page.save_revision().publish()
            timings.append(time.perf_counter() - started)
        assert max(timings) < 1.0, timings
        key = SearchDocument.objects.get(title="Quartiersfonds Stolberg 2028").key
        assert not SearchOutbox.objects.filter(key=key, attempts__gte=1).exists()
        call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO())
        assert SearchOutbox.objects.filter(key=key, attempts__gte=1).exists()  # the task tried
        response = Client().get("/healthz")
        assert response.status_code == 200
        health = response.json()
        assert health["status"] == "eingeschränkt" and health["search"]["queue"] == 1

        fake.recover()
        out = io.StringIO()
        call_command("check_search", "--repair", "--backend", "elasticsearch", stdout=out)
        # the changed page is re-sent (stale); the site's other pages were never sent (missing)
        assert "1 erneuert, 0 entfernt" in out.getvalue().split("Repariert (elasticsearch)")[1]
        titles = cluster_titles(fake)
        assert "Quartiersfonds Stolberg 2028" in titles
        assert not {"Quartiersfonds Stolberg", "Quartiersfonds Stolberg 2027"} & set(titles)
        call_command("drain_search_queue", stdout=io.StringIO())
        assert queue.pending() == 0
        assert drift.backend_drift("elasticsearch").clean
        health = Client().get("/healthz").json()
        assert health["status"] == "ok" and health["search"]["breaker"]["state"] == "closed"
        with capsys.disabled():
            print(
                f"\nVeröffentlichen bei hängendem Cluster: {', '.join(f'{t:.3f}' for t in timings)} s"
            )


def test_rebuild_with_a_publish_in_the_middle_loses_nothing(
    cluster_settings,
    parent,  # noqa: F811
    page_adapter,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    cluster_settings.TASKS = IMMEDIATE
    with fake_elasticsearch(major=9) as fake:
        cluster_settings.ELASTICSEARCH_URL = fake.url
        with django_capture_on_commit_callbacks(execute=True):
            add_page(parent, "Dorfladen Stolberg", "dorfladen").save_revision().publish()
        indexing.rebuild("elasticsearch")  # a first index behind the alias
        datas = [row.to_data() for row in SearchDocument.objects.all()]
        before = cluster_titles(fake)
        published = []

        class PublishOnFirstDocument:
            """A publish while the new index fills: it goes to the alias, i.e. the old index."""

            def update(self, count):
                if not published:
                    with django_capture_on_commit_callbacks(execute=True):
                        page = add_page(parent, "Seniorenbeirat Stolberg", "beirat")
                        page.save_revision().publish()
                    published.append(page)

        backend = get_backend()
        backend.rebuild(datas, progress=PublishOnFirstDocument())
        assert published
        lost = drift.backend_drift("elasticsearch")
        assert len(lost.missing) == 1  # what used to be lost at the alias switch
        drift.repair_backend("elasticsearch")  # the catch-up pass indexing.rebuild() runs
        assert drift.backend_drift("elasticsearch").clean
        assert cluster_titles(fake) == sorted([*before, "Seniorenbeirat Stolberg"])
        # and indexing.rebuild() as a whole leaves nothing behind
        indexing.rebuild("elasticsearch")
        assert drift.backend_drift("elasticsearch").clean


@pytest.mark.parametrize("major", [8, 9])
def test_client_works_against_elasticsearch_8_and_9(cluster_settings, major):
    """The client speaks compatible-with=8: ES 8 takes it natively, ES 9 through REST API
    compatibility. (The 9.x client sends compatible-with=9, which ES 8 refuses.)"""
    cluster_settings.ELASTICSEARCH_SHARDS = 2
    cluster_settings.ELASTICSEARCH_REPLICAS = 1
    with fake_elasticsearch(major=major) as fake:
        cluster_settings.ELASTICSEARCH_URL = fake.url
        _write_corpus()
        get_backend().rebuild([row.to_data() for row in SearchDocument.objects.all()])
        assert len(cluster_titles(fake)) == len(CORPUS)
        assert drift.backend_drift("elasticsearch").clean
        (index,) = fake.state()["aliases"]["werkstatt"]
        index_settings = fake.state()["settings"][index]
        assert index_settings["number_of_shards"] == 2
        assert index_settings["number_of_replicas"] == 1
