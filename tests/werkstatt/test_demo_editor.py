"""Every page and directory entry of the demo opens in the editor (the demo's Impressum once
stored `<br>` inside rich text, which Wagtail's editor could not read: a 500 on opening)."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from tests.conftest import Quiet, module_transaction

pytestmark = pytest.mark.django_db

DIRECTORY = ("network.Person", "network.Body", "network.Organisation", "network.Municipality")


@pytest.fixture(scope="module")
def demo_admin(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module, and an administrator."""
    with module_transaction(django_db_blocker):
        call_command("load_demo", stdout=Quiet())
        yield User.objects.create_superuser("redaktion-demo", "demo@example.org", "x")


@pytest.fixture
def admin_client(client, demo_admin):
    client.force_login(demo_admin)
    return client, AdminURLFinder(demo_admin)


def test_every_demo_page_opens_in_the_editor(admin_client):
    client, finder = admin_client
    pages = Page.objects.filter(depth__gt=1).specific()
    assert pages.count() > 50
    failed = [
        (page.title, status)
        for page in pages
        if (status := client.get(finder.get_edit_url(page)).status_code) != 200
    ]
    assert failed == []


def test_every_demo_directory_entry_opens_in_the_editor(admin_client):
    client, finder = admin_client
    failed = []
    for label in DIRECTORY:
        entries = apps.get_model(label).objects.all()
        assert entries.exists(), label
        for entry in entries:
            url = finder.get_edit_url(entry)
            status = client.get(url).status_code if url else "keine Adresse"
            if status != 200:
                failed.append((label, str(entry), status))
    assert failed == []
