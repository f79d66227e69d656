"""Directory pages and the page cache: they say `Cache-Control: private`, so the shared cache
never keeps them (a snippet save or visibility change shows at once), while a public page next
to them is still cached and purged; members never see the anonymous page and vice versa."""

import pytest

from werkstatt.models import StandardPage
from werkstatt.pagecache import STATUS_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(site_tree):
    """A site with its settings row (without a site Wagtail creates settings on every request)."""


def never_cached(client, path):
    """Fetch twice: neither answer comes from or goes into the shared cache."""
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200
        assert response[STATUS_HEADER] == "skip", f"{path} went through the shared cache"
        assert "private" in response["Cache-Control"]
    return response.content.decode()


def fresh(client, path):
    response = client.get(path)
    assert response[STATUS_HEADER] == "skip"
    return response.content.decode()


def test_private_directory_page_is_never_stored_but_a_public_page_still_is(client, directory):
    """The bug: `private, no-cache` pages were stored for anonymous visitors (only `no-store`
    was honoured), and the second visitor got the stored copy."""
    first = client.get("/netzwerk/personen/")
    assert first[STATUS_HEADER] == "skip"
    assert "private" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    assert "public" not in first["Cache-Control"]
    assert "Paula Offen" in never_cached(client, "/netzwerk/personen/")
    # The public page beside it: stored, answered from the cache, purged by a publish.
    assert client.get("/impressum/")[STATUS_HEADER] == "miss"
    assert client.get("/impressum/")[STATUS_HEADER] == "hit"
    page = StandardPage.objects.get(slug="impressum")
    page.title = "Impressum und Kontakt"
    page.save_revision().publish()
    response = client.get("/impressum/")
    assert response[STATUS_HEADER] == "miss"
    assert "<h1>Impressum und Kontakt</h1>" in response.content.decode()
    assert client.get("/impressum/")[STATUS_HEADER] == "hit"


def test_person_save_shows_at_once(client, directory):
    assert "Paula Offen" in never_cached(client, "/netzwerk/personen/")
    person = directory["public"]
    person.name = "Paula Neumann"
    person.save()
    html = fresh(client, "/netzwerk/personen/")
    assert "Paula Neumann" in html and "Paula Offen" not in html


def test_person_visibility_change_shows_at_once(client, directory):
    path = directory["public"].get_absolute_url()
    assert "Paula Offen" in never_cached(client, path)
    assert "Paula Offen" in never_cached(client, "/netzwerk/personen/")
    person = directory["public"]
    person.visibility = "members"
    person.save()
    response = client.get(path)  # a logged-out visitor is asked to log in, told nothing
    assert response.status_code == 302 and response.url.startswith("/anmelden/?next=")
    assert "Paula Offen" not in fresh(client, "/netzwerk/personen/")


def test_organisation_save_shows_at_once(client, directory):
    organisation = directory["stabsstelle"]
    path = f"/netzwerk/organisationen/{organisation.pk}/"
    assert "Stabsstelle Demografie" in never_cached(client, path)
    assert "Stabsstelle Demografie" in never_cached(client, "/netzwerk/personen/")
    organisation.name = "Fachdienst Sozialplanung"
    organisation.save()
    assert "Fachdienst Sozialplanung" in fresh(client, path)
    assert "Fachdienst Sozialplanung" in fresh(client, "/netzwerk/personen/")


def test_municipality_save_shows_at_once(client, directory):
    municipality = directory["bremerhaven"]
    path = municipality.get_absolute_url()
    assert "Bremerhaven" in never_cached(client, path)
    municipality.name = "Seestadt Bremerhaven"
    municipality.save()
    assert "Seestadt Bremerhaven" in fresh(client, path)


def test_m2m_change_shows_at_once(client, directory, action_fields):
    person = directory["public"]
    field = list(action_fields.values())[-1]
    path = f"/api/v1/netzwerk/kontakte/{person.pk}/"
    never_cached(client, path)
    person.action_fields.add(field)
    response = client.get(path)
    assert response[STATUS_HEADER] == "skip" and field.slug in response.json()["handlungsfelder"]


def test_member_never_gets_the_anonymous_page_and_vice_versa(client, member_client, directory):
    anonymous = never_cached(client, "/netzwerk/personen/")
    assert "Martin Mitglied" not in anonymous
    response = member_client.get("/netzwerk/personen/")
    assert response[STATUS_HEADER] == "skip"
    assert "Martin Mitglied" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # Neither the member's page nor the anonymous one was stored.
    response = client.get("/netzwerk/personen/")
    assert response[STATUS_HEADER] == "skip" and "Martin Mitglied" not in response.content.decode()
    # The same holds for the members-only API and for a members-only person page.
    members_only = directory["members"].get_absolute_url()
    assert member_client.get(members_only).status_code == 200
    assert client.get(members_only).status_code == 302  # to the login (issue 29)
    assert client.get(members_only)[STATUS_HEADER] == "skip"
    api = member_client.get("/api/v1/netzwerk/kontakte/").json()
    assert "Martin Mitglied" in {c["name"] for c in api["ergebnisse"]}
    assert "Martin Mitglied" not in {
        c["name"] for c in client.get("/api/v1/netzwerk/kontakte/").json()["ergebnisse"]
    }


def test_anonymous_page_first_then_member_still_sees_members_contacts(
    client, member_client, directory
):
    never_cached(client, "/netzwerk/personen/")
    html = member_client.get("/netzwerk/personen/").content.decode()
    assert "Martin Mitglied" in html and "Abmelden" in html
