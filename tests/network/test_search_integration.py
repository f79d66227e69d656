"""The directory through the search app: members-only contacts never reach anonymous searchers."""

import json
import re

import pytest

from .conftest import MEMBERS_EMAIL

pytestmark = pytest.mark.django_db

# Queries that would match the members-only person but do not echo the full name.
SEARCH_URLS = [
    "/suche/?q=Martin",
    "/suche/?q=Sozialplanung",
    "/suche/?art=kontakt",
    "/suche/?art=kontakt&region=05",
    "/api/v1/suche/?q=Martin",
    "/api/v1/suche/?art=kontakt",
    "/api/v1/suche/vorschlaege/?q=Mart",
]


def unmarked(response):
    """The body without the search's <mark> tags, which split a highlighted name in two."""
    return re.sub(r"</?mark>", "", response.content.decode())


def test_members_only_contact_is_not_found_by_anonymous(indexed, client):
    for url in SEARCH_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        body = unmarked(response)
        assert "Martin Mitglied" not in body, url
        assert MEMBERS_EMAIL not in body, url
        assert "Hanna Verborgen" not in body and "Otto Ohnezustimmung" not in body, url


def test_member_finds_members_only_contact_in_search(indexed, member_client):
    data = json.loads(member_client.get("/api/v1/suche/?q=Martin").content)
    assert "Martin Mitglied" in json.dumps(data, ensure_ascii=False)
    assert "Martin Mitglied" in unmarked(member_client.get("/suche/?art=kontakt"))
    body = unmarked(member_client.get("/suche/?q=Verborgen"))
    assert "Hanna Verborgen" not in body


def test_public_contact_is_found_by_anonymous(indexed, client):
    assert "Paula Offen" in unmarked(client.get("/suche/?q=Paula"))
