"""Day one in production: `setup_site` on a fresh database gives Werkstatt's German site (no
demo content), and `check --deploy` refuses the placeholder secret and a local address."""

import io
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import checks
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Site

from werkstatt.checks import KNOWN_KEYS
from werkstatt.sitetree import PLACEHOLDER_MARK

ROOT = Path(__file__).resolve().parents[2]


def deploy_errors():
    return {m.id for m in checks.run_checks(include_deployment_checks=True) if m.is_serious()}


def test_env_example_secret_is_known_as_placeholder():
    line = next(
        line
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line.startswith("SECRET_KEY=")
    )
    assert line.removeprefix("SECRET_KEY=") in KNOWN_KEYS


def test_deploy_check_rejects_the_placeholder_secret_and_a_local_address(settings):
    settings.SECRET_KEY = "change-me-to-a-long-random-string-of-at-least-50-characters"
    settings.WAGTAILADMIN_BASE_URL = "http://localhost"
    assert {"werkstatt.E001", "werkstatt.E002"} <= deploy_errors()
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert "werkstatt.E002" in deploy_errors()
    settings.SECRET_KEY = "a-real-secret-" + uuid.uuid4().hex * 2
    settings.WAGTAILADMIN_BASE_URL = "https://werkstatt.example.org"
    assert not {"werkstatt.E001", "werkstatt.E002"} & deploy_errors()


@pytest.mark.django_db
def test_setup_site_makes_the_german_tree_without_demo_content(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://werkstatt.example.org"
    settings.WAGTAIL_SITE_NAME = "Werkstatt Kreis Beispiel"
    out = io.StringIO()
    call_command("setup_site", stdout=out)
    call_command("setup_site", stdout=io.StringIO())  # idempotent
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == (
        "werkstatt.example.org",
        443,
        "Werkstatt Kreis Beispiel",
    )
    assert site.root_url == "https://werkstatt.example.org"
    assert Page.objects.filter(depth=2).count() == 1
    assert Page.objects.filter(slug="werkzeuge").count() == 1
    for path in ("/", "/werkzeuge/", "/projekte/", "/netzwerk/", "/suche/", "/impressum/"):
        assert client.get(path, HTTP_HOST="werkstatt.example.org").status_code == 200, path
    home = client.get("/", HTTP_HOST="werkstatt.example.org").content.decode()
    assert '<html lang="de"' in home and "Werkstatt" in home
    assert "Welcome to your new Wagtail site" not in home
    impressum = client.get("/impressum/", HTTP_HOST="werkstatt.example.org").content.decode()
    assert PLACEHOLDER_MARK in impressum
    assert "Impressum" in out.getvalue() and "Platzhalter" in out.getvalue()
    # No demo content and no accounts.
    from catalogue.models import ToolPage
    from network.models import Municipality

    assert not ToolPage.objects.exists()
    assert not Municipality.objects.exists()
    assert not User.objects.exists()


def fresh_database_url(tmp_path):
    """A new, empty database of the kind the tests run on."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.sqlite3'}", None
    db = settings.DATABASES["default"]
    name = f"werkstatt_fresh_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/{name}", name


@pytest.mark.django_db(transaction=True)
def test_readme_production_path_on_a_fresh_database(tmp_path):
    """migrate, setup_site, check --deploy as README „Betrieb“ says, then the pages."""
    url, created = fresh_database_url(tmp_path)
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_SETTINGS_MODULE",
            "PYTHONPATH",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the tests' conftest, refused by check --deploy
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="werkstatt.settings.production",
        SECRET_KEY="fresh-test-" + uuid.uuid4().hex * 2,
        ALLOWED_HOSTS="werkstatt.example.org",
        CSRF_TRUSTED_ORIGINS="https://werkstatt.example.org",
        WAGTAILADMIN_BASE_URL="https://werkstatt.example.org",
        DATABASE_URL=url,
        WERKSTATT_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )

    def manage(*args, **overrides):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**env, **overrides},
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    try:
        manage("migrate", "--noinput", "-v0")
        manage("setup_site")
        manage("check", "--deploy", "--fail-level", "WARNING")
        # The pages, rendered by the same code under the test settings (no collected static).
        fetched = manage(
            "shell",
            "-c",
            "from django.test import Client\n"
            "c = Client(HTTP_HOST='werkstatt.example.org')\n"
            "for p in ('/', '/werkzeuge/', '/projekte/', '/netzwerk/', '/suche/'):\n"
            "    print(p, c.get(p).status_code)\n"
            "print(c.get('/').content.decode())\n",
            DJANGO_SETTINGS_MODULE="werkstatt.settings.test",
        )
    finally:
        if created:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')
    for path in ("/", "/werkzeuge/", "/projekte/", "/netzwerk/", "/suche/"):
        assert re.search(rf"^{re.escape(path)} 200$", fetched, re.M), fetched[:2000]
    assert "Welcome to your new Wagtail site" not in fetched
    assert "Werkstatt: Demografie gemeinsam gestalten" in fetched
    assert '<html lang="de"' in fetched
