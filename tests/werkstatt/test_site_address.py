"""One site address: with WAGTAILADMIN_BASE_URL configured, every generated file and answer of
the demo links to it, never to localhost or the host a request happened to use."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from werkstatt.siteaddress import absolute_url, configured_host, is_local

pytestmark = pytest.mark.django_db

ADDRESS = "https://werkstatt.example.org"
LOCAL = ("localhost", "127.0.0.1", "testserver")
GENERATED = [
    "/offene-daten/werkzeuge.csv",
    "/offene-daten/werkzeuge.json",
    "/offene-daten/dcat.jsonld",
    "/suche/feed/?q=Pflege",
    "/suche/feed/",
    "/api/v1/werkzeuge/",
    "/api/v1/werkstattplaene/",
    "/api/v1/projekte/",
    "/api/v1/berichte/",
    "/api/v1/datenberichte/",
    "/api/v1/netzwerk/kontakte/",
    "/api/v1/netzwerk/kommunen/",
    "/api/v1/netzwerk/organisationen/",
    "/api/v1/netzwerk/gremien/",
    "/sitemap.xml",
    "/robots.txt",
]


def test_configured_host_and_local_addresses(settings):
    settings.WAGTAILADMIN_BASE_URL = ADDRESS
    assert configured_host() == ("werkstatt.example.org", 443)
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert configured_host() == ("127.0.0.1", 8000)
    assert is_local("http://localhost:8000") and is_local("http://127.0.0.1")
    assert not is_local(ADDRESS)


def test_generated_files_link_only_to_the_configured_address(
    client, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = ADDRESS
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    for path in GENERATED:
        # Asked on a local host (as behind a proxy or on the server itself).
        response = client.get(path, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, path
        body = response.content.decode("utf-8-sig")
        assert ADDRESS + "/" in body, path
        for host in LOCAL:
            assert host not in body, f"{path} nennt {host}"
    assert absolute_url(None, "/werkzeuge/") == ADDRESS + "/werkzeuge/"


def test_alert_mails_link_to_the_configured_address(settings, member):
    from network.alerts import _mail
    from network.models import SavedSearch

    settings.WAGTAILADMIN_BASE_URL = ADDRESS
    saved = SavedSearch.objects.create(user=member, title="Pflege", query="q=Pflege")
    _mail(saved, [])
    body = mail.outbox[-1].body
    assert ADDRESS + "/suche/?q=Pflege" in body
    assert not any(host in body for host in LOCAL)
