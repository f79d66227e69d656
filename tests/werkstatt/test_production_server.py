"""Smoke test of the real production server: gunicorn with deploy/gunicorn.conf.py and the
production settings, against a migrated database with the demo content, fetching every page
type, static files and a private document the way a visitor (or nginx) would."""

import io
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

pytestmark = pytest.mark.django_db(transaction=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(tmp_path):
    """The test database as a URL another process can open (SQLite: a file copy of it)."""
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        target = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{target}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(base, path, **headers):
    """(status, headers, body) without following redirects."""
    request = urllib.request.Request(base + path, headers=headers)  # noqa: S310 (http only)
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def private_document():
    """A document in a members-only collection: never to be served from /media/."""
    # An earlier transactional test may have flushed the root collection the migrations made.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    collection = root.add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document(title="Interne Tabelle", collection=collection)
    document.file.save("intern.csv", ContentFile(b"a;b\n1;2\n"), save=False)
    document.save()
    return document


def server_environment(**settings):
    """This process's environment without its database, cache and settings choice, plus
    `settings`: what a server started from the checkout for another test reads."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
    }
    return {**env, **settings}


@pytest.fixture
def production_server(tmp_path, private_document):
    call_command("load_demo", stdout=io.StringIO())
    call_command("rebuild_search", stdout=io.StringIO(), stderr=io.StringIO())
    port = free_port()
    env = server_environment(
        DJANGO_SETTINGS_MODULE="werkstatt.settings.production",
        SECRET_KEY="smoke-test-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url(tmp_path),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        WERKSTATT_VAR_DIR=str(tmp_path / "var"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    log = (tmp_path / "gunicorn.log").open("w")
    # Started from another directory with nothing but the config file: no --pythonpath.
    server = subprocess.Popen(
        [str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(base, "/robots.txt")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
            time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def page_paths():
    from catalogue.models import CatalogueIndexPage, ToolPage, WorkshopPlanPage
    from network.models import Municipality, Person
    from projects.models import DataReportPage, ProjectPage, ReportPage

    paths = {"home": "/"}
    for name, model in [
        ("catalogue", CatalogueIndexPage),
        ("tool", ToolPage),
        ("plan", WorkshopPlanPage),
        ("project", ProjectPage),
        ("report", ReportPage),
        ("data report", DataReportPage),
    ]:
        page = model.objects.live().first()
        assert page is not None, f"no {name} in the demo content"
        paths[name] = page.url
    paths["directory"] = "/netzwerk/personen/"
    paths["person"] = Person.objects.visible_to(AnonymousUser()).first().get_absolute_url()
    paths["profile"] = Municipality.objects.first().get_absolute_url()
    paths["search"] = "/suche/?q=Pflege"
    paths["search API"] = "/api/v1/suche/?q=Pflege"
    paths["contacts API"] = "/api/v1/netzwerk/kontakte/"
    return paths


def test_gunicorn_serves_every_page_type_static_files_and_no_private_media(
    production_server, private_document
):
    for name, path in page_paths().items():
        status, headers, body = get(production_server, path)
        assert status == 200, f"{name} {path}: HTTP {status}"
        assert body, f"{name} {path} is empty"
    status, headers, html = get(production_server, "/")
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert headers["ETag"]

    # Static files: hashed names from the manifest, served compressed and cacheable for a year.
    stylesheet = re.search(rb'href="(/static/werkstatt/css/werkstatt\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the stylesheet is not referenced by its hashed name"
    status, headers, css = get(
        production_server, stylesheet.group(1).decode(), **{"Accept-Encoding": "gzip"}
    )
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]

    # Documents only through Wagtail's view, which checks the collection's restriction.
    assert get(production_server, "/media/" + private_document.file.name)[0] == 404
    status, headers, _ = get(production_server, private_document.url)
    assert status == 302 and "login" in headers["Location"]


def test_the_wsgi_module_loads_without_extra_paths(tmp_path):
    """`import werkstatt.wsgi` works from the repository root's wsgi.py, as servers load it."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "DJANGO_SETTINGS_MODULE"}}
    env.update(DJANGO_SETTINGS_MODULE="werkstatt.settings.dev", WERKSTATT_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi, werkstatt.wsgi; print(wsgi.application)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WSGIHandler" in result.stdout
