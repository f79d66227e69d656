"""Server errors reach the log and the operators (issue 30: no logger for django.request)."""

import io
import logging

import pytest
from django.core import mail
from django.test import Client

from tests.werkstatt.test_settings import run_python

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.werkstatt.failing_urls")]


def stream_handlers(name):
    """The stream handlers a record of logger `name` reaches (through propagation), pytest's
    own capture left out."""
    logger = logging.getLogger(name)
    while logger:
        yield from (
            h
            for h in logger.handlers
            if isinstance(h, logging.StreamHandler) and not type(h).__module__.startswith("_pytest")
        )
        logger = logger.parent if logger.propagate else None


def test_a_server_error_is_logged_with_its_traceback_and_mailed_to_the_admins(settings):
    settings.ADMINS = [("Betrieb", "betrieb@example.org")]
    streams = []
    for handler in stream_handlers("django.request"):
        stream = io.StringIO()
        streams.append((handler, handler.setStream(stream), stream))
    try:
        response = Client(raise_request_exception=False).get("/kaputt/")
    finally:
        for handler, old, _stream in streams:
            handler.setStream(old)
    assert response.status_code == 500
    logged = "".join(stream.getvalue() for _h, _o, stream in streams)
    assert "Internal Server Error: /kaputt/" in logged
    assert "Absichtlicher Fehler für den Logging-Test" in logged  # the traceback
    assert [m.to for m in mail.outbox] == [["betrieb@example.org"]]
    assert "/kaputt/" in mail.outbox[0].subject


def test_admins_and_server_email_come_from_the_environment():
    result = run_python(
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.ADMINS);print(s.SERVER_EMAIL)",
        DJANGO_SETTINGS_MODULE="werkstatt.settings.production",
        SECRET_KEY="x" * 60,
        ADMINS="Betrieb Werkstatt <betrieb@example.org>, zweite@example.org",
        SERVER_EMAIL="fehler@werkstatt.example.org",
    )
    admins, server_email = result.stdout.splitlines()
    assert admins == (
        "[('Betrieb Werkstatt', 'betrieb@example.org'), ('zweite@example.org', "
        "'zweite@example.org')]"
    )
    assert server_email == "fehler@werkstatt.example.org"
