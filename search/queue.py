"""The outbox between the projection and a search cluster: changes are queued, then sent.

Why: publishing wrote to Elasticsearch inside the request (6.5 s with a hung cluster) and a
failed write was logged and forgotten. Now the commit hook writes the projection and puts
the changed keys into `SearchOutbox` (same database, same transaction: nothing is lost);
`drain()` sends the projection's current state of each queued key (or a delete when it is
gone) and removes what it sent. After commit it runs as the django-tasks task `drain_task`
(settings.TASKS: the task worker in production, right away with the immediate backend), and
from `manage.py drain_search_queue` / `check_search --repair`. While the breaker is open
nothing is sent; the keys wait.
"""

import functools
import logging
import operator

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .backends import active_backend_name, get_backend
from .models import SearchDocument, SearchOutbox

logger = logging.getLogger("search")
BATCH = 500


def enqueue(keys):
    """Queue `keys` for the active cluster (no-op when the database is the only backend)."""
    keys = sorted(set(keys))
    if not keys or active_backend_name() == "database":
        return
    now = timezone.now()
    SearchOutbox.objects.bulk_create(
        [SearchOutbox(key=key, queued_at=now) for key in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["queued_at"],
    )
    kick()


def pending():
    return SearchOutbox.objects.count()


def kick():
    """Have the outbox drained once the current transaction commits."""
    transaction.on_commit(drain_task.enqueue)


def drain(backend_name=None, force=False):
    """Send everything queued to the cluster; returns the number of keys sent.

    Skips while the breaker is open (unless `force`, used after a successful probe). On a
    failure the breaker counts it, the keys stay queued with their attempt count, and the
    drain stops.
    """
    name = backend_name or active_backend_name()
    if name == "database":
        return 0
    backend = get_backend(name)
    if not force and not backend.breaker.allow():
        return 0
    sent = 0
    while True:
        rows = list(SearchOutbox.objects.order_by("queued_at", "pk")[:BATCH])
        if not rows:
            return sent
        keys = [row.key for row in rows]
        documents = [row.to_data() for row in SearchDocument.objects.filter(key__in=keys)]
        present = {data.key for data in documents}
        gone = [key for key in keys if key not in present]
        try:
            backend.breaker.call(_send, backend, documents, gone)
        except Exception as error:
            SearchOutbox.objects.filter(pk__in=[row.pk for row in rows]).update(
                attempts=F("attempts") + 1, last_error=str(error)[:1000]
            )
            logger.error(
                "search: %d Indexänderungen nicht gesendet, bleiben in der Warteschlange: %s",
                len(rows),
                error,
            )
            return sent
        # Remove only what was not queued again while we were sending.
        unchanged = functools.reduce(
            operator.or_, (Q(pk=row.pk, queued_at=row.queued_at) for row in rows)
        )
        SearchOutbox.objects.filter(unchanged).delete()
        sent += len(rows)


def _send(backend, documents, gone):
    if documents:
        backend.index(documents)
    if gone:
        backend.delete(gone)


@task()
def drain_task():
    drain()
