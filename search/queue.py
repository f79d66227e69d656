"""The outbox between the projection and a search cluster: changes are queued, then sent.

Why: publishing wrote to Elasticsearch inside the request (6.5 s with a hung cluster) and a
failed write was logged and forgotten. Now the commit hook writes the projection and puts
the changed keys into `SearchOutbox` (same database, same transaction: nothing is lost);
`drain()` sends the projection's current state of each queued key (or a delete when it is
gone) and removes what it sent. Drain runs after commit in a background thread
(settings.SEARCH_QUEUE_DRAIN = "thread", the default), right away ("inline"), or only from
`manage.py drain_search_queue` / `check_search --repair` ("off"). While the breaker is
open nothing is sent; the keys wait.
"""

import functools
import logging
import operator
import threading

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .backends import active_backend_name, get_backend
from .models import SearchDocument, SearchOutbox

logger = logging.getLogger("search")
BATCH = 500
_draining = threading.Lock()


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
    """Start draining as configured, after the current transaction commits."""
    mode = getattr(settings, "SEARCH_QUEUE_DRAIN", "thread")
    if mode == "inline":
        transaction.on_commit(drain)
    elif mode == "thread":
        transaction.on_commit(_drain_in_background)


def _drain_in_background():
    def run():
        if not _draining.acquire(blocking=False):
            return  # one drainer per process; it loops until the queue is empty
        try:
            drain()
        except Exception:
            logger.exception("search: Warteschlange konnte nicht abgearbeitet werden")
        finally:
            _draining.release()
            connection.close()

    threading.Thread(target=run, daemon=True, name="search-queue").start()


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
    breaker = getattr(backend, "breaker", None)
    if breaker is not None and not force and not breaker.allow():
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
            if documents:
                backend.index(documents)
            if gone:
                backend.delete(gone)
        except Exception as error:
            if breaker is not None:
                breaker.failure()
            SearchOutbox.objects.filter(pk__in=[row.pk for row in rows]).update(
                attempts=F("attempts") + 1, last_error=str(error)[:1000]
            )
            logger.error(
                "search: %d Indexänderungen nicht gesendet, bleiben in der Warteschlange: %s",
                len(rows),
                error,
            )
            return sent
        if breaker is not None:
            breaker.success()
        # Remove only what was not queued again while we were sending.
        unchanged = functools.reduce(
            operator.or_, (Q(pk=row.pk, queued_at=row.queued_at) for row in rows)
        )
        SearchOutbox.objects.filter(unchanged).delete()
        sent += len(rows)
