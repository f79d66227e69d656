"""The breaker's state travels between web workers through Redis (pybreaker's Redis storage).

Two Breaker objects with one name stand for two worker processes: they share nothing but
Redis, as gunicorn workers do. Runs against the real Redis on 127.0.0.1:6379.
"""

import os

import pytest
from django.core.cache import caches

from search.breaker import Breaker
from tests.conftest import unavailable_redis
from tests.faults.servers import closed_port
from werkstatt.settings import base


@pytest.fixture
def redis_cache(settings):
    """The breaker's cache is a real Redis (a separate database number, emptied after).

    The key prefix names this process: parallel workers, or another run on the same Redis,
    never see each other's breaker."""
    settings.CACHES = {
        **settings.CACHES,
        "breaker-test": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/7",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
            "KEY_PREFIX": f"breaker-test-{os.getpid()}",
        },
    }
    settings.SEARCH_BREAKER_CACHE = "breaker-test"
    shared = caches["breaker-test"]
    try:
        shared.delete("probe")
    except Exception as exc:  # noqa: BLE001 - no Redis on this machine
        unavailable_redis(exc)
    client = shared.client.get_client(write=True)
    yield shared
    for key in client.scan_iter(f"breaker-test-{os.getpid()}:*"):
        client.delete(key)


def failing():
    raise ConnectionError("cluster down")


def worker(probe=None):
    return Breaker("cluster", threshold=3, cooldown=60, probe=probe)


def test_other_workers_open_without_paying_the_timeouts_themselves(redis_cache):
    first, second = worker(), worker()
    assert first.storage is not second.storage  # no object shared: only Redis
    for _ in range(3):
        assert first.allow()
        with pytest.raises(ConnectionError):
            first.call(failing)
    assert first.current_state == "open"
    assert second.allow() is False  # never failed itself, yet goes straight to the database
    assert second.current_state == "open"
    retry_in = second.snapshot()["retry_in_seconds"]
    assert 55 <= retry_in <= 60  # the first worker's cooldown, not a fresh one


def test_a_successful_probe_in_one_worker_closes_the_others(redis_cache):
    first, second = worker(probe=lambda: True), worker()
    for _ in range(3):
        with pytest.raises(ConnectionError):
            first.call(failing)
    assert second.allow() is False
    assert first.check_now() is True
    assert first.current_state == "closed"
    assert second.allow() is True and second.current_state == "closed"


def test_without_redis_each_worker_keeps_its_own_breaker(settings):
    """Redis down when the breaker is made: no error, each process finds out for itself."""
    settings.CACHES = {
        **settings.CACHES,
        "breaker-test": base.redis_cache(f"redis://127.0.0.1:{closed_port()}/7"),
    }
    settings.SEARCH_BREAKER_CACHE = "breaker-test"
    first, second = worker(), worker()
    for _ in range(3):
        with pytest.raises(ConnectionError):
            first.call(failing)
    assert first.current_state == "open"
    assert second.current_state == "closed" and second.allow()
