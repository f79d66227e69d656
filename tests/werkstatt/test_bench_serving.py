"""The serving benchmark's yardstick works: a stock Wagtail project is generated from the
installed package, migrated on its own scratch database, answers 200 on `/` through its WSGI
application, and leaves nothing behind (not a timed test)."""

import subprocess
import sys

import psycopg
from django.conf import settings

from werkstatt.management.stock_wagtail import PROJECT, StockWagtailSite

# Calls the generated project's WSGI application once, the way gunicorn would.
PROBE = f"""
from wsgiref.util import setup_testing_defaults
from {PROJECT}.wsgi import application

environ = {{"PATH_INFO": "/", "HTTP_HOST": "127.0.0.1", "SERVER_NAME": "127.0.0.1"}}
setup_testing_defaults(environ)
answer = []
body = b"".join(application(environ, lambda status, headers: answer.append(status)))
print(answer[0], b"Wagtail" in body)
"""


def scratch_databases(stock):
    with psycopg.connect(dbname="postgres", **connection_arguments(), autocommit=True) as db:
        rows = db.execute("SELECT datname FROM pg_database WHERE datname = %s", [stock])
        return [row[0] for row in rows]


def connection_arguments():
    configured = settings.DATABASES["default"]
    return {
        "user": configured.get("USER") or None,
        "password": configured.get("PASSWORD") or None,
        "host": configured.get("HOST") or None,
        "port": configured.get("PORT") or None,
    }


def test_the_stock_wagtail_site_answers_its_home_page_and_is_removed_afterwards():
    with StockWagtailSite() as stock:
        directory = stock.directory
        assert (directory / PROJECT / "settings" / "bench.py").exists()
        if stock.postgres:
            assert scratch_databases(stock.database_name) == [stock.database_name]
        probe = subprocess.run(
            [sys.executable, "-c", PROBE],
            cwd=directory,
            env=stock.env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert probe.stdout.split() == ["200", "OK", "True"], probe.stderr
    assert not directory.exists()
    if stock.postgres:
        assert scratch_databases(stock.database_name) == []
