"""Degrade, never fall over: Redis unreachable, database gone (fault injection on 127.0.0.1)."""

import logging

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings
from wagtail.models import Page

from network.models import Municipality, Person
from tests.conftest import Quiet
from tests.faults.servers import closed_port
from werkstatt.logfilters import OncePerInterval
from werkstatt.settings.base import redis_cache

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def demo_site(db):
    call_command("load_demo", stdout=Quiet())
    return Page.objects.live().filter(depth__gt=1)


def public_paths():
    """One or more URLs of every page type a visitor can open."""
    paths = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
    person = Person.objects.filter(visibility="public").first()
    municipality = Municipality.objects.first()
    paths += [
        "/netzwerk/",
        "/netzwerk/personen/",
        "/netzwerk/organisationen/",
        "/netzwerk/gremien/",
        "/netzwerk/kommunen/",
        f"/netzwerk/kommunen/{municipality.slug}/",
        f"/netzwerk/personen/{person.pk}/",
        f"/netzwerk/personen/{person.pk}/vcard/",
        "/suche/",
        "/suche/?q=Beirat",
        "/api/v1/suche/?q=Beirat",
        "/api/v1/netzwerk/kontakte/",
        "/anmelden/",
        "/robots.txt",
    ]
    return list(dict.fromkeys(p for p in paths if p))


def cache_log_filters():
    """The rate limits on the cache logger, as configured in LOGGING."""
    found = [
        f for f in logging.getLogger("werkstatt.cache").filters if isinstance(f, OncePerInterval)
    ]
    assert found, "the cache logger is rate-limited"
    return found


def test_every_page_answers_with_redis_on_a_closed_port(demo_site, caplog):
    # This outage's first record must pass: an earlier test in this process may have logged
    # the same message less than a minute ago.
    for limit in cache_log_filters():
        limit.reset()
    location = f"redis://127.0.0.1:{closed_port()}/0"
    paths = public_paths()
    assert len(paths) > 20
    with override_settings(CACHES={"default": redis_cache(location)}):
        cache = caches["default"]
        assert cache.get("anything") is None  # a miss, not an exception
        caplog.set_level(logging.ERROR, logger="werkstatt.cache")
        client = Client(raise_request_exception=False)
        failed = {}
        for path in paths:
            # follow=True: a municipality's project folder redirects to its profile by design
            status = client.get(path, follow=True).status_code
            if status != 200:
                failed[path] = status
        assert failed == {}
        # The site also still writes pages (the cache is cleared on publish).
        page = Page.objects.live().filter(depth=3).first().specific
        page.save_revision().publish()
        assert client.get(page.url).status_code == 200
    logged = [r for r in caplog.records if r.name == "werkstatt.cache"]
    assert logged, "the outage is logged"


def test_cache_failures_are_logged_once_per_interval():
    logger = logging.getLogger("werkstatt.test.once")
    once = OncePerInterval(seconds=60)
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Collect()
    logger.addHandler(handler)
    logger.addFilter(once)
    try:
        for _ in range(50):
            logger.error("Exception ignored")
        once._last = {k: (v[0] - 61, v[1]) for k, v in once._last.items()}  # a minute later
        logger.error("Exception ignored")
    finally:
        logger.removeFilter(once)
        logger.removeHandler(handler)
    assert records == [
        "Exception ignored",
        "Exception ignored (49 gleiche Meldungen zurückgehalten)",
    ]


@pytest.fixture
def database_down():
    """Point the real connection at a database that cannot be reached, then restore it.

    The open connection (with the test's transaction) is kept aside; new connections go to a
    closed port (PostgreSQL) or a file in a folder that does not exist (SQLite) and fail in the
    driver, as after a database restart.
    """
    kept = {}
    connection = connections["default"]  # the wrapper itself, not the thread-local proxy

    def stop():
        connection.ensure_connection()
        kept["state"] = dict(vars(connection))
        kept["settings"] = dict(connection.settings_dict)
        connection.connection = None
        if connection.vendor == "postgresql":
            connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
        else:
            connection.settings_dict["NAME"] = "/nonexistent-werkstatt/db.sqlite3"

    def restore():
        if "state" in kept:
            vars(connection).clear()
            vars(connection).update(kept.pop("state"))
            connection.settings_dict.clear()
            connection.settings_dict.update(kept.pop("settings"))

    yield stop, restore
    restore()


def test_database_down_gives_styled_503_and_recovers(home_page, database_down):
    stop, restore = database_down
    client = Client(raise_request_exception=False)
    assert client.get("/").status_code == 200
    stop()
    # A page already in the page cache is still served while the database is away ...
    cached = client.get("/")
    assert cached.status_code == 200 and cached["X-Werkstatt-Cache"] == "hit"
    # ... every other page answers with the styled 503
    for path in ("/impressum/", "/netzwerk/personen/", "/suche/?q=Beirat"):
        response = client.get(path)
        assert response.status_code == 503, path
        html = response.content.decode()
        assert "Vorübergehend nicht erreichbar" in html
        assert "werkstatt.css" in html and '<html lang="de">' in html
        assert response["Retry-After"] == "30"
    api = client.get("/api/v1/suche/?q=Beirat")
    assert api.status_code == 503
    assert "Datenbank" in api.json()["error"]["message"]
    restore()
    assert Client().get("/").status_code == 200
