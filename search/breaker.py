"""The search cluster's circuit breaker: pybreaker, its state in Redis when the cache is Redis.

Why: a hung Elasticsearch made every search wait the client timeout (2 s) and every publish
wait for the index write. After `threshold` failed calls in a row the breaker opens: searches
go straight to the database (with the notice), index writes stay in the outbox (search.queue).
pybreaker keeps state, failure count and opening time; with django-redis as the cache they
live in Redis (`CircuitRedisStorage`), so all workers open together and one good probe closes
them all. Without Redis, or when it cannot be reached as the breaker is made, each process
keeps its own (`CircuitMemoryStorage`) and finds out for itself.

A visitor's request never makes the trial call: once the breaker has been open for the
cooldown, the first caller to notice turns it half-open and enqueues `probe` (a django-tasks
task: the task worker runs it, the immediate backend right away), which pings with a short
timeout and closes the breaker (then sends what waited in the outbox) or opens it for another
cooldown. Everyone else meanwhile asks the database. A probe that never ran (no task worker) is enqueued again after two cooldowns.
"""

import logging
from datetime import UTC, datetime

import pybreaker
from django.conf import settings
from django.core.cache import caches
from django_redis.cache import RedisCache
from django_tasks import task
from redis.exceptions import RedisError

logger = logging.getLogger("search")
CLOSED, OPEN, HALF_OPEN = pybreaker.STATE_CLOSED, pybreaker.STATE_OPEN, pybreaker.STATE_HALF_OPEN


class _Log(pybreaker.CircuitBreakerListener):
    def state_change(self, cb, old_state, new_state):
        if new_state.name == OPEN:
            logger.error(
                "search: %s antwortet nicht; Schutzschalter offen für %.0f s (Suche aus der "
                "Datenbank, Indexänderungen warten in der Warteschlange)",
                cb.name,
                cb.reset_timeout,
            )
        elif new_state.name == CLOSED and old_state is not None:
            logger.warning("search: %s antwortet wieder; Schutzschalter geschlossen", cb.name)


def _storage(name):
    """Redis when the breaker's cache is django-redis and answers, else this process's memory."""
    cache = caches[getattr(settings, "SEARCH_BREAKER_CACHE", "default")]
    if isinstance(cache, RedisCache):
        try:
            return pybreaker.CircuitRedisStorage(
                CLOSED,
                cache.client.get_client(write=True),
                namespace=cache.make_key(f"search-breaker:{name}"),
            )
        except RedisError:
            logger.warning("search: Redis nicht erreichbar; Schutzschalter nur für diesen Prozess")
    return pybreaker.CircuitMemoryStorage(CLOSED)


class Breaker(pybreaker.CircuitBreaker):
    def __init__(self, name, threshold=3, cooldown=30.0, probe=None):
        self.storage = _storage(name)
        self.probe = probe  # a cheap call that raises while the cluster is bad
        super().__init__(
            fail_max=threshold,
            reset_timeout=cooldown,
            state_storage=self.storage,
            name=name,
            listeners=[_Log()],
            throw_new_error_on_trip=False,  # callers see the cluster's own error
        )

    def _open_for(self):
        opened_at = self.storage.opened_at
        return (datetime.now(UTC) - opened_at).total_seconds() if opened_at else 0.0

    def allow(self):
        """True if a call may go to the cluster now; starts the probe when it is due."""
        state = self.current_state
        if state == CLOSED:
            return True
        due = self.reset_timeout * (1 if state == OPEN else 2)
        if self._open_for() >= due:
            self.half_open()
            self.storage.opened_at = datetime.now(UTC)  # a lost probe is retried only later
            probe.enqueue(self.name)
        return False

    def check_now(self):
        """Ping through the breaker now (health check, drain command, the probe task): a
        success closes it, a failure counts or re-opens it. True if the cluster answered."""
        if self.current_state == OPEN:
            self.half_open()
        try:
            self.call(self.probe)
        except Exception:  # noqa: BLE001 - any failure of the ping means "not answering"
            return False
        return True

    def snapshot(self):
        """For /healthz: state, consecutive failures, seconds until the next probe."""
        state = self.current_state
        retry_in = None if state == CLOSED else max(0.0, self.reset_timeout - self._open_for())
        return {
            "state": state,
            "failures": self.fail_counter,
            "retry_in_seconds": None if retry_in is None else round(retry_in, 1),
        }


@task()
def probe(name):
    """The trial call of an open breaker, off the visitors' requests; when the cluster is back,
    the changes that waited in the outbox go out at once."""
    from . import queue
    from .backends import get_backend

    if get_backend(name).breaker.check_now():
        queue.drain(name, force=True)
