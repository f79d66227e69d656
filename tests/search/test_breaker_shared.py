"""The breaker's state travels between web workers through the shared cache (Redis here).

Two Breaker objects with one name stand for two worker processes: they share nothing but the
cache, as gunicorn workers do. Runs against the real Redis on 127.0.0.1:6379.
"""

import os

import pytest
from django.core.cache import caches

from search import breaker as breaker_module
from search.breaker import Breaker
from tests.conftest import unavailable_redis


@pytest.fixture
def redis_cache(settings, monkeypatch):
    """Point the breaker at a real Redis cache (a separate database number, emptied after).

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
    shared = caches["breaker-test"]
    try:
        shared.delete("probe")
    except Exception as exc:  # noqa: BLE001 - no Redis on this machine
        unavailable_redis(exc)
    monkeypatch.setattr(breaker_module, "cache", shared)
    yield shared
    shared.delete_many(["search-breaker:cluster"])


def worker(probe=None):
    return Breaker("cluster", threshold=3, cooldown=60, probe=probe, share_interval=0)


def test_other_workers_open_without_paying_the_timeouts_themselves(redis_cache):
    first, second = worker(), worker()
    for _ in range(3):
        assert first.allow()
        first.failure()
    assert first.state == "open"
    assert second.allow() is False  # never failed itself, yet goes straight to the database
    assert second.state == "open"
    retry_in = second.snapshot()["retry_in_seconds"]
    assert 55 <= retry_in <= 60  # the first worker's cooldown, not a fresh one


def test_a_successful_probe_in_one_worker_closes_the_others(redis_cache):
    first, second = worker(probe=lambda: True), worker()
    for _ in range(3):
        first.failure()
    assert second.allow() is False
    assert first.check_now() is True
    assert first.state == "closed"
    assert second.allow() is True and second.state == "closed"
