"""The Wagtail admin: snippets list, search and the 12-month confirmation filter."""

import datetime

import pytest

pytestmark = pytest.mark.django_db


def test_person_listing_filters_unconfirmed(directory, editor_client):
    stale = directory["public"]
    stale.last_confirmed = datetime.date.today() - datetime.timedelta(days=400)
    stale.save()
    response = editor_client.get("/admin/snippets/network/person/?confirmation=faellig")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Paula Offen" in body
    assert "Bert Bremer" not in body  # confirmed today


def test_person_listing_search_by_email(directory, editor_client):
    response = editor_client.get("/admin/snippets/network/person/?q=nur-mitglieder")
    body = response.content.decode()
    assert "Martin Mitglied" in body and "Paula Offen" not in body


@pytest.mark.parametrize("model", ["person", "organisation", "body", "municipality", "programme"])
def test_snippet_listings_and_add_forms_render(directory, editor_client, model):
    assert editor_client.get(f"/admin/snippets/network/{model}/").status_code == 200
    assert editor_client.get(f"/admin/snippets/network/{model}/add/").status_code == 200


def test_admin_refuses_public_person_without_consent(directory, editor_client):
    response = editor_client.post(
        "/admin/snippets/network/person/add/",
        {"name": "Neue Person", "visibility": "public", "email": "neu@example.org"},
    )
    assert response.status_code == 200  # the form comes back with the error
    assert "Ohne dokumentierte Einwilligung" in response.content.decode()
    from network.models import Person

    assert not Person.objects.filter(name="Neue Person").exists()


def test_release_filter_lists_imported_persons_awaiting_publication(directory, editor_client):
    from network.factories import PersonFactory

    PersonFactory(name="Ina Wartend", visibility="hidden", requested_visibility="public")
    PersonFactory(name="Udo Ohnefreigabe", visibility="hidden", requested_visibility="hidden")
    body = editor_client.get("/admin/snippets/network/person/?release=ausstehend").content.decode()
    assert "Ina Wartend" in body
    assert "Udo Ohnefreigabe" not in body and "Paula Offen" not in body


def test_dashboard_panel_counts_due_and_pending(directory, editor_client):
    from network.factories import PersonFactory

    PersonFactory(name="Ina Wartend", visibility="hidden", requested_visibility="public")
    directory["public"].last_confirmed = datetime.date(2020, 1, 1)
    directory["public"].save()
    body = editor_client.get("/admin/").content.decode()
    assert "1 Person seit 12 Monaten nicht bestätigt" in body
    assert "1 Freigabe ausstehend" in body
    assert "?release=ausstehend" in body


def test_person_editor_offers_erasure(directory, editor_client):
    person = directory["public"]
    body = editor_client.get(f"/admin/snippets/network/person/edit/{person.pk}/").content.decode()
    assert f"/admin/netzwerk/personen/{person.pk}/dsgvo-loeschen/" in body
