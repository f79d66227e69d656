"""Directory pages in the page cache: snippet saves and visibility changes purge them; members
never see the anonymous page and anonymous visitors never see a member's."""

import pytest

from werkstatt.pagecache import STATUS_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(site_tree):
    """A site with its settings row (without a site Wagtail creates settings on every request)."""


def cached(client, path):
    assert client.get(path).status_code == 200
    response = client.get(path)
    assert response[STATUS_HEADER] == "hit", f"{path} was not cached"
    return response.content.decode()


def fresh(client, path):
    response = client.get(path)
    assert response[STATUS_HEADER] == "miss"
    return response.content.decode()


def test_person_save_purges(client, directory):
    assert "Paula Offen" in cached(client, "/netzwerk/personen/")
    person = directory["public"]
    person.name = "Paula Neumann"
    person.save()
    html = fresh(client, "/netzwerk/personen/")
    assert "Paula Neumann" in html and "Paula Offen" not in html


def test_person_visibility_change_purges(client, directory):
    path = directory["public"].get_absolute_url()
    assert "Paula Offen" in cached(client, path)
    assert "Paula Offen" in cached(client, "/netzwerk/personen/")
    person = directory["public"]
    person.visibility = "members"
    person.save()
    assert client.get(path).status_code == 404
    assert "Paula Offen" not in fresh(client, "/netzwerk/personen/")


def test_organisation_save_purges(client, directory):
    organisation = directory["stabsstelle"]
    path = f"/netzwerk/organisationen/{organisation.pk}/"
    assert "Stabsstelle Demografie" in cached(client, path)
    assert "Stabsstelle Demografie" in cached(client, "/netzwerk/personen/")
    organisation.name = "Fachdienst Sozialplanung"
    organisation.save()
    assert "Fachdienst Sozialplanung" in fresh(client, path)
    assert "Fachdienst Sozialplanung" in fresh(client, "/netzwerk/personen/")


def test_municipality_save_purges(client, directory):
    municipality = directory["bremerhaven"]
    path = municipality.get_absolute_url()
    assert "Bremerhaven" in cached(client, path)
    municipality.name = "Seestadt Bremerhaven"
    municipality.save()
    assert "Seestadt Bremerhaven" in fresh(client, path)


def test_m2m_change_purges(client, directory, action_fields):
    person = directory["public"]
    field = list(action_fields.values())[-1]
    path = f"/api/v1/netzwerk/kontakte/{person.pk}/"
    cached(client, path)
    person.action_fields.add(field)
    response = client.get(path)
    assert response[STATUS_HEADER] == "miss" and field.slug in response.json()["handlungsfelder"]


def test_member_never_gets_the_anonymous_page_and_vice_versa(client, member_client, directory):
    anonymous = cached(client, "/netzwerk/personen/")
    assert "Martin Mitglied" not in anonymous
    response = member_client.get("/netzwerk/personen/")
    assert response[STATUS_HEADER] == "skip"
    assert "Martin Mitglied" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # The member's page was not stored under the anonymous key.
    response = client.get("/netzwerk/personen/")
    assert response[STATUS_HEADER] == "hit" and "Martin Mitglied" not in response.content.decode()
    # The same holds for the members-only API and for a members-only person page.
    members_only = directory["members"].get_absolute_url()
    assert member_client.get(members_only).status_code == 200
    assert client.get(members_only).status_code == 404
    assert client.get(members_only)[STATUS_HEADER] == "skip"
    api = member_client.get("/api/v1/netzwerk/kontakte/").json()
    assert "Martin Mitglied" in {c["name"] for c in api["ergebnisse"]}
    assert "Martin Mitglied" not in {
        c["name"] for c in client.get("/api/v1/netzwerk/kontakte/").json()["ergebnisse"]
    }


def test_anonymous_page_first_then_member_still_sees_members_contacts(
    client, member_client, directory
):
    cached(client, "/netzwerk/personen/")
    html = member_client.get("/netzwerk/personen/").content.decode()
    assert "Martin Mitglied" in html and "Abmelden" in html
