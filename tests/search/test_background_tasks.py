"""Background work is django-tasks tasks, never a thread started by a request or a commit.

Production settings for tasks (the database backend, so nothing runs in the request) and a
search cluster that hangs: a publish, a plain save of an indexed page and searches that open
the breaker and then find it due for a probe. Before, each commit started a drain thread and
the due breaker a probe thread; now the work waits as tasks for `manage.py db_worker`.
"""

import io
import threading
import time

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from search.backends import get_backend
from search.contract import SearchRequest
from search.models import SearchOutbox
from search.service import search_with_fallback
from tests.faults.servers import fake_elasticsearch

from .test_faults import IN_DATABASE, cluster_settings  # noqa: F401 - fixture
from .test_indexing import add_page, page_adapter, parent  # noqa: F401 - fixtures


@pytest.mark.django_db(transaction=True)
def test_no_thread_is_started_by_a_publish_a_save_or_a_search(
    cluster_settings,  # noqa: F811
    parent,  # noqa: F811
    page_adapter,  # noqa: F811
):
    cluster_settings.TASKS = IN_DATABASE
    cluster_settings.SEARCH_BREAKER_COOLDOWN = 0.2
    with fake_elasticsearch(major=9) as fake:
        cluster_settings.ELASTICSEARCH_URL = fake.url
        fake.hang()
        backend = get_backend()
        threads = threading.active_count()

        page = add_page(parent, "Quartiersfonds Stolberg", "quartiersfonds")
        page.save_revision().publish()
        page.title = "Quartiersfonds Stolberg 2027"
        page.save()  # a plain save of an indexed page
        assert threading.active_count() == threads
        assert SearchOutbox.objects.exists()

        for _ in range(2):
            search_with_fallback(SearchRequest(q="Pflege"))
        assert backend.breaker.current_state == "open"
        time.sleep(0.3)
        search_with_fallback(SearchRequest(q="Pflege"))  # the probe is due now
        assert threading.active_count() == threads

        waiting = set(DBTaskResult.objects.values_list("task_path", flat=True))
        assert {"search.breaker.probe", "search.queue.drain_task"} <= waiting
        fake.recover()
        call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO())
        assert backend.breaker.current_state == "closed"
        assert not SearchOutbox.objects.exists()
