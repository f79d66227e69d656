"""„Mein Eintrag“: a member corrects their own directory entry and can withdraw consent."""

import json
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from wagtail.models import ModelLogEntry

from network.models import Person

pytestmark = pytest.mark.django_db

URL = "/netzwerk/mein-eintrag/"


def unmarked(response):
    return re.sub(r"</?mark>", "", response.content.decode())


def link(person, user, capture):
    """Link the account as an editor would (saving re-indexes after commit)."""
    with capture(execute=True):
        person.user = user
        person.save()
    return person


@pytest.fixture
def paula(indexed, member, django_capture_on_commit_callbacks):
    """Paula Offen (public, consent, one action field) is the member's own entry."""
    return link(indexed["public"], member, django_capture_on_commit_callbacks)


@pytest.fixture
def paula_client(member):
    client = Client()
    client.force_login(member)
    return client


def form_data(person, **changes):
    data = {
        "function": person.function,
        "email": person.email,
        "phone": person.phone,
        "action_fields": [f.pk for f in person.action_fields.all()],
    }
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/anmelden/?next={URL}"


def test_member_without_entry_gets_a_friendly_explanation(site_tree, member_client):
    response = member_client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mit Ihrem Konto ist noch kein Eintrag im Verzeichnis" in body
    assert '<form method="post" class="form">' not in body


def test_navigation_links_to_the_page_when_logged_in(site_tree, member_client, client):
    assert f'href="{URL}"' in member_client.get("/netzwerk/").content.decode()
    assert f'href="{URL}"' not in client.get("/netzwerk/").content.decode()


def test_member_sees_their_entry(paula, paula_client):
    body = paula_client.get(URL).content.decode()
    assert "Paula Offen" in body and "öffentlich sichtbar" in body
    assert 'value="oeffentlich@example.org"' in body
    assert "Ich widerrufe meine Einwilligung." in body


def test_member_corrects_function_phone_and_action_fields(
    paula, paula_client, member, action_fields, django_capture_on_commit_callbacks
):
    fields = list(action_fields.values())
    with django_capture_on_commit_callbacks(execute=True):
        response = paula_client.post(
            URL,
            form_data(
                paula,
                function="Leitung Sozialplanung",
                phone="02351 17-0",
                action_fields=[fields[2].pk, fields[3].pk],
            ),
            follow=True,
        )
    assert "Vielen Dank, Ihr Eintrag ist gespeichert." in response.content.decode()
    paula.refresh_from_db()
    # stored in the one normal form of network.phones
    assert paula.function == "Leitung Sozialplanung" and paula.phone == "+49 2351 170"
    assert set(paula.action_fields.all()) == {fields[2], fields[3]}
    assert paula.visibility == "public" and paula.has_consent
    assert paula.last_confirmed is not None
    entry = ModelLogEntry.objects.get(action="network.self_edit", object_id=str(paula.pk))
    assert entry.user == member
    assert set(entry.data["fields"]) == {"function", "phone", "action_fields"}
    public = Client().get(paula.get_absolute_url()).content.decode()
    assert "Leitung Sozialplanung" in public
    assert "Leitung Sozialplanung" in unmarked(Client().get("/suche/?q=Paula"))


def test_invalid_input_is_refused_in_german(paula, paula_client):
    response = paula_client.post(URL, form_data(paula, email="keine-adresse"))
    assert response.status_code == 400
    assert "Bitte gültige E-Mail-Adresse eingeben" in response.content.decode()
    paula.refresh_from_db()
    assert paula.email == "oeffentlich@example.org"


def test_visibility_and_consent_cannot_be_raised_from_here(
    indexed, member, paula_client, django_capture_on_commit_callbacks
):
    hidden = link(indexed["hidden"], member, django_capture_on_commit_callbacks)
    data = form_data(hidden, visibility="public", consent_given="on", consent_date="2025-01-01")
    with django_capture_on_commit_callbacks(execute=True):
        paula_client.post(URL, data)
    hidden.refresh_from_db()
    assert hidden.visibility == "hidden"
    assert Client().get(hidden.get_absolute_url()).status_code == 404


def test_withdrawing_consent_hides_the_entry_and_its_search_document(
    paula, paula_client, member, django_capture_on_commit_callbacks
):
    from search.models import SearchDocument

    key = f"network.person:{paula.pk}"
    assert SearchDocument.objects.filter(key=key).exists()
    assert "Paula Offen" in unmarked(Client().get("/suche/?q=Paula"))
    with django_capture_on_commit_callbacks(execute=True):
        response = paula_client.post(URL, form_data(paula, withdraw_consent="on"), follow=True)
    body = response.content.decode()
    assert "Sie haben Ihre Einwilligung widerrufen" in body
    assert "verborgen: nur die Redaktion sieht Ihren Eintrag" in body
    paula.refresh_from_db()
    assert not paula.consent_given and paula.consent_date is None
    assert paula.visibility == "hidden" and paula.requested_visibility == "hidden"
    assert paula.consent_method.startswith("Widerrufen über „Mein Eintrag“ am")
    # Gone for the public right after the commit: document, search page, API, detail page.
    assert not SearchDocument.objects.filter(key=key).exists()
    assert "Paula Offen" not in unmarked(Client().get("/suche/?q=Paula"))
    api = json.loads(Client().get("/api/v1/suche/?q=Paula").content)
    assert all(hit["title"] != "Paula Offen" for hit in api["hits"])
    assert Client().get(paula.get_absolute_url()).status_code == 404
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(paula.pk)).values_list("action", flat=True)
    )
    assert {"network.self_edit", "network.consent_withdrawn"} <= actions


def test_another_members_entry_is_out_of_reach(
    paula, indexed, paula_client, django_capture_on_commit_callbacks
):
    other = User.objects.create_user("martin", "m@example.org", "geheim-123")
    martin = link(indexed["members"], other, django_capture_on_commit_callbacks)
    paula_client.post(URL, form_data(paula, function="Neue Funktion"))
    martin.refresh_from_db()
    assert martin.function != "Neue Funktion"
    assert Person.objects.get(pk=paula.pk).function == "Neue Funktion"


def test_admin_person_form_links_the_account(paula, editor_client):
    body = editor_client.get(f"/admin/snippets/network/person/edit/{paula.pk}/").content.decode()
    assert 'name="user"' in body and "Benutzerkonto" in body


def test_member_lowers_visibility_to_members_only_but_cannot_raise_it_again(
    paula, paula_client, django_capture_on_commit_callbacks
):
    page = paula_client.get(URL).content.decode()
    assert "Wer sieht meinen Eintrag?" in page and 'value="members"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = paula_client.post(URL, form_data(paula, visibility_choice="members"))
    assert response.status_code == 302
    paula.refresh_from_db()
    assert paula.visibility == "members" and paula.has_consent
    anonymous = Client().get(paula.get_absolute_url())  # asked to log in, told nothing
    assert anonymous.status_code == 302 and anonymous.url.startswith("/anmelden/?next=")
    assert "Paula Offen" not in unmarked(Client().get("/suche/?q=Paula"))
    assert paula_client.get(paula.get_absolute_url()).status_code == 200
    # Back up to public is not offered and refused when sent anyway.
    assert 'value="public"' not in paula_client.get(URL).content.decode()
    refused = paula_client.post(URL, form_data(paula, visibility_choice="public"))
    assert refused.status_code == 400
    paula.refresh_from_db()
    assert paula.visibility == "members"
