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


@pytest.fixture
def awaiting(regions):
    from network.factories import PersonFactory

    return {
        "public": PersonFactory(
            name="Ina Wartend", visibility="hidden", requested_visibility="public"
        ),
        "members": PersonFactory(
            name="Mia Mitwartend", visibility="hidden", requested_visibility="members"
        ),
        "nothing": PersonFactory(
            name="Udo Ohnefreigabe", visibility="hidden", requested_visibility="hidden"
        ),
        "no_consent": PersonFactory(
            name="Nora Ohnezustimmung",
            visibility="hidden",
            requested_visibility="public",
            consent_given=False,
            consent_date=None,
        ),
    }


def release_url(people):
    ids = "&".join(f"id={person.pk}" for person in people.values())
    return f"/admin/bulk/network/person/release/?next=/admin/snippets/network/person/&{ids}"


def test_bulk_release_asks_first_and_names_who_stays_hidden(awaiting, editor_client):
    listing = editor_client.get("/admin/snippets/network/person/?release=ausstehend")
    assert "/admin/bulk/network/person/release/" in listing.content.decode()  # in the bulk bar
    response = editor_client.get(release_url(awaiting))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ina Wartend</a> – öffentlich" in body
    assert "Mia Mitwartend</a> – nur Mitglieder" in body
    not_releasable = body[body.index("Nicht freizugeben") :]
    assert "Udo Ohnefreigabe" in not_releasable and "Nora Ohnezustimmung" in not_releasable
    awaiting["public"].refresh_from_db()
    assert awaiting["public"].visibility == "hidden"  # nothing changes before the POST


@pytest.mark.django_db(transaction=True)  # real commits: search indexes after each one
def test_bulk_release_gives_each_person_what_the_consent_allows(awaiting, editor_client):
    from wagtail.models import ModelLogEntry

    from search.models import SearchDocument

    response = editor_client.post(release_url(awaiting))
    assert response.status_code == 302
    for key, expected in [
        ("public", "public"),
        ("members", "members"),
        ("nothing", "hidden"),
        ("no_consent", "hidden"),
    ]:
        awaiting[key].refresh_from_db()
        assert awaiting[key].visibility == expected, key
    released = awaiting["public"]
    assert ModelLogEntry.objects.filter(object_id=str(released.pk), action="wagtail.edit").exists()
    doc = SearchDocument.objects.get(key=f"network.person:{released.pk}")
    assert doc.visibility == "public"  # found by anonymous searchers now
    assert not SearchDocument.objects.filter(
        key=f"network.person:{awaiting['nothing'].pk}"
    ).exists()


def test_person_listing_says_ja_or_nein_for_consent(directory, editor_client):
    import re

    body = editor_client.get("/admin/snippets/network/person/").content.decode()
    assert "Einwilligung" in body
    cells = re.findall(r"<td[^>]*>\s*(ja|nein|True|False)\s*</td>", body)
    assert "ja" in cells and "True" not in cells and "False" not in cells


def test_default_workflow_has_a_german_name(db):
    from wagtail.models import Task, Workflow

    assert not Task.objects.filter(name="Moderators approval").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert Workflow.objects.filter(name="Prüfung durch die Redaktion").exists()
    assert Task.objects.filter(name="Freigabe durch die Redaktion").exists()
