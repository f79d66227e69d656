"""/healthz is public for its status (load balancers, uptime checks); the details (database,
cache and search backends, breaker, queue) only for the monitoring addresses (issue 30)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_outside_callers_get_the_status_only(settings):
    response = Client(REMOTE_ADDR="203.0.113.5").get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": response.json()["status"]}
    assert response["Cache-Control"] == "no-store"
    # behind the proxy, the visitor's address counts, not the proxy's
    settings.WERKSTATT_TRUSTED_PROXIES = 1
    proxied = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert set(proxied.get("/healthz").json()) == {"status"}


def test_the_monitoring_addresses_get_the_details(settings):
    details = Client(REMOTE_ADDR="127.0.0.1").get("/healthz").json()
    assert {"status", "database", "cache", "search"} <= set(details)
    settings.WERKSTATT_HEALTH_DETAILS_FROM = ["192.0.2.10"]
    assert "database" in Client(REMOTE_ADDR="192.0.2.10").get("/healthz").json()
    assert "database" not in Client(REMOTE_ADDR="127.0.0.1").get("/healthz").json()
