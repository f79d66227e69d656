"""A stock Wagtail site, made at benchmark time: the yardstick for "what a Wagtail page costs".

Key concepts: `wagtail start` copies the project template shipped inside the installed wagtail
package (no network), so nothing of it is kept in this repository. It gets its own scratch
database on the configured server (PostgreSQL: a database created and dropped here; SQLite: a
file in the temporary directory) and a settings module of its own on top of the template's
production settings: DEBUG off, the same persistent connections as Werkstatt, hashed static
files. Everything is removed again on exit.
"""

import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from django.conf import settings

PROJECT = "stockwagtail"
SETTINGS_MODULE = f"{PROJECT}.settings.bench"

SETTINGS = '''"""Benchmark settings of the generated stock site (written by bench_serving)."""

from .production import *  # noqa: F403

SECRET_KEY = {secret!r}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {{"default": {database!r}}}
STATIC_ROOT = {static!r}
ROOT_URLCONF = "{project}.bench_urls"
'''

# The stock URLs plus the worker's process id, which the benchmark polls until every worker
# answers (as werkstatt.bench_urls does for Werkstatt).
URLS = '''"""Benchmark URLs of the generated stock site (written by bench_serving)."""

import os

from django.http import HttpResponse
from django.urls import include, path


def worker(request):
    return HttpResponse(str(os.getpid()), content_type="text/plain")


urlpatterns = [path("bench/worker/", worker), path("", include("{project}.urls"))]
'''


class StockWagtailSite:
    """`with StockWagtailSite() as stock:` a migrated stock project in `stock.directory`."""

    def __init__(self):
        self.configured = settings.DATABASES["default"]
        self.postgres = self.configured["ENGINE"].endswith("postgresql")
        # Named after the configured database, so a helper's scratch databases stay its own.
        self.database_name = f"{self.configured['NAME'][:40]}_stock_{uuid.uuid4().hex[:8]}"
        self.directory = None
        self._temporary = None

    @property
    def env(self):
        """The environment of every process of the stock site (manage.py, gunicorn)."""
        pythonpath = os.pathsep.join(
            filter(None, [str(self.directory), os.environ.get("PYTHONPATH")])
        )
        return dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS_MODULE, PYTHONPATH=pythonpath)

    def __enter__(self):
        self._temporary = tempfile.TemporaryDirectory(prefix="werkstatt-stock-wagtail-")
        self.directory = Path(self._temporary.name) / "site"
        self.directory.mkdir()
        try:
            self._generate()
            if self.postgres:
                self._admin_sql("CREATE DATABASE {}")
            self.manage("migrate", "--noinput", "-v0")
            self.manage("collectstatic", "--noinput", "-v0")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        if self.postgres:
            self._admin_sql("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        self._temporary.cleanup()

    def manage(self, *arguments):
        subprocess.run(  # noqa: S603 (the venv's python, fixed arguments)
            [sys.executable, "manage.py", *arguments],
            cwd=self.directory,
            env=self.env,
            check=True,
        )

    def _generate(self):
        wagtail = Path(sys.executable).with_name("wagtail")
        subprocess.run(  # noqa: S603 (the installed wagtail's own command)
            [str(wagtail), "start", PROJECT, str(self.directory)],
            check=True,
            capture_output=True,
        )
        database = {
            key: self.configured[key]
            for key in ("ENGINE", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
            if key in self.configured
        }
        database.update(
            NAME=self.database_name if self.postgres else str(self.directory / "db.sqlite3"),
            CONN_MAX_AGE=self.configured.get("CONN_MAX_AGE", 0),
            CONN_HEALTH_CHECKS=self.configured.get("CONN_HEALTH_CHECKS", False),
        )
        (self.directory / PROJECT / "settings" / "bench.py").write_text(
            SETTINGS.format(
                secret="stock-" + uuid.uuid4().hex * 2,
                database=database,
                static=str(self.directory / "static"),
                project=PROJECT,
            )
        )
        (self.directory / PROJECT / "bench_urls.py").write_text(URLS.format(project=PROJECT))

    def _admin_sql(self, statement):
        """`statement` on the scratch database's name, on the configured server, in autocommit
        (CREATE/DROP DATABASE cannot run inside a transaction)."""
        import psycopg
        from psycopg import sql

        connection = psycopg.connect(
            dbname="postgres",
            user=self.configured.get("USER") or None,
            password=self.configured.get("PASSWORD") or None,
            host=self.configured.get("HOST") or None,
            port=self.configured.get("PORT") or None,
            autocommit=True,
        )
        with connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(self.database_name)))
