"""The README works as written on the demo: its demo accounts log in, its shell examples run,
and the admin menus it names exist."""

import io
import json
import re
import shlex
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import override_settings

from tests.conftest import module_transaction
from werkstatt.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
MANAGE = ".venv/bin/python manage.py "


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """load_demo once for the module, as `make run` runs it (demo accounts on)."""
    with module_transaction(django_db_blocker), override_settings(WERKSTATT_DEMO_ACCOUNTS=True):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()


def test_no_demo_accounts_without_the_setting(settings):
    """As in the production settings (and setup_site, which never calls this)."""
    from werkstatt.management.commands.load_demo import Command

    settings.WERKSTATT_DEMO_ACCOUNTS = False
    out = io.StringIO()
    Command(stdout=out).accounts()
    assert not User.objects.filter(username__startswith="demo-").exists()
    assert "Keine Demo-Konten" in out.getvalue()


def section(title):
    """The README's text under the heading `title` up to the next heading of any level."""
    start = README.index(f"\n## {title}\n")
    following = re.search(r"\n#{2,3} ", README[start + 1 :])
    return README[start : start + 1 + following.start()] if following else README[start:]


def test_load_demo_prints_the_accounts_the_readme_lists(demo_output):
    listed = set(re.findall(r"^\| `(demo-[a-z]+)` \|", README, re.M))
    assert listed == {username for username, _role, _where in DEMO_ACCOUNTS}
    assert f"`{DEMO_PASSWORD}`" in README
    assert f"Passwort für alle: {DEMO_PASSWORD}" in demo_output
    for username in listed:
        assert username in demo_output


def login(client, path, username):
    """Log in through the form, as a newcomer would (django-axes wants a real request)."""
    response = client.post(path, {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username}: {response.status_code}"


def test_demo_accounts_see_the_site_as_their_role(client, demo_output):
    login(client, "/admin/login/", "demo-redaktion")
    assert client.get("/admin/pages/").status_code == 200
    client.logout()
    login(client, "/admin/login/", "demo-dueren")
    assert client.get("/admin/").status_code == 200
    groups = User.objects.get(username="demo-dueren").groups.values_list("name", flat=True)
    assert "Redaktion Kreis Düren" in groups
    client.logout()
    login(client, "/anmelden/", "demo-mitglied")
    assert client.get("/admin/").status_code in (302, 403)
    assert client.get("/netzwerk/").status_code == 200


def test_the_roles_examples_run_as_written(demo_output):
    commands = [
        line.split("#")[0].removeprefix(MANAGE).strip()
        for line in section("Rollen und Rechte").splitlines()
        if line.startswith(MANAGE)
    ]
    assert any(c.startswith("grant_editor") for c in commands), commands
    member = User.objects.get(username="demo-mitglied")
    for command in commands:
        call_command(*shlex.split(command), stdout=io.StringIO())
        if command.startswith("grant_editor") and "--revoke" not in command:
            assert member.groups.filter(name="Redaktion Stolberg (Rhld.)").exists()
    assert not member.groups.filter(name="Redaktion Stolberg (Rhld.)").exists()


def menu_labels(html):
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    labels = set()

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("label"), str):
                labels.add(value["label"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(props.group(1)))
    return labels


def test_the_admin_menus_the_readme_names_exist(client, demo_output):
    """Every unquoted step of „Admin → A → B“ / „Einstellungen → A“ in the README is a menu."""
    chains = re.findall(r"(?:Admin|admin) → ((?:[\wÄÖÜäöüß-]+ → )*[\wÄÖÜäöüß-]+)", README)
    chains += re.findall(r"(Einstellungen(?: → [\wÄÖÜäöüß-]+)+)", README)
    named = {step for chain in chains for step in chain.split(" → ")} - {"Dashboard"}
    assert {"Netzwerk", "Personen", "Kommunen", "Einstellungen", "Benutzer"} <= named
    admin = User.objects.create_superuser("readme-admin", "readme@example.org", "x")
    client.force_login(admin)
    labels = menu_labels(client.get("/admin/").content.decode())
    assert named - labels == set()
