"""Directory pages, detail pages, vCard and JSON per role; no members-only detail leaks to anonymous."""

import json

import pytest
from django.urls import reverse

from .conftest import HIDDEN_EMAIL, MEMBERS_EMAIL, NO_CONSENT_EMAIL, PUBLIC_EMAIL

pytestmark = pytest.mark.django_db


def directory_urls(d):
    """Every URL of the directory that could show a contact."""
    urls = [
        "/netzwerk/",
        "/netzwerk/personen/",
        "/netzwerk/personen/?seite=2",
        "/netzwerk/organisationen/",
        "/netzwerk/gremien/",
        "/netzwerk/kommunen/",
        "/api/v1/netzwerk/kontakte/",
        "/api/v1/netzwerk/kommunen/",
        d["stabsstelle"].get_absolute_url(),
        d["beirat"].get_absolute_url(),
        d["luedenscheid"].get_absolute_url(),
        d["bremerhaven"].get_absolute_url(),
    ]
    for key in ("public", "members", "hidden", "no_consent", "bremen_person"):
        person = d[key]
        urls += [
            person.get_absolute_url(),
            person.get_vcard_url(),
            reverse("network:api_contact", kwargs={"pk": person.pk}),
        ]
    urls += [
        "/netzwerk/personen/?q=Martin",
        "/netzwerk/personen/?region=05",
        "/api/v1/netzwerk/kontakte/?q=Martin&region=05",
    ]
    return urls


def test_members_only_email_appears_in_no_anonymous_response(directory, client):
    for url in directory_urls(directory):
        response = client.get(url)
        assert response.status_code in (200, 302, 404), url  # 302: asked to log in
        body = response.content.decode()
        for secret in (
            MEMBERS_EMAIL,
            HIDDEN_EMAIL,
            NO_CONSENT_EMAIL,
            "Martin Mitglied",
            "02351 4711",
        ):
            assert secret not in body, f"{secret} in {url}"


def test_hidden_email_appears_in_no_member_response(directory, member_client):
    for url in directory_urls(directory):
        body = member_client.get(url).content.decode()
        assert HIDDEN_EMAIL not in body, url
        assert NO_CONSENT_EMAIL not in body, url


@pytest.mark.parametrize(
    ("role", "person", "status"),
    [
        ("anonymous", "public", 200),
        ("anonymous", "members", "login"),
        ("anonymous", "hidden", 404),
        ("anonymous", "no_consent", 404),
        ("member", "public", 200),
        ("member", "members", 200),
        ("member", "hidden", 404),
        ("member", "no_consent", 404),
        ("editor", "public", 200),
        ("editor", "members", 200),
        ("editor", "hidden", 404),
        ("editor", "no_consent", 404),
    ],
)
def test_person_detail_vcard_and_json_per_role(directory, clients, role, person, status):
    client, person = clients[role], directory[person]
    detail = client.get(person.get_absolute_url())
    vcard = client.get(person.get_vcard_url())
    api = client.get(reverse("network:api_contact", kwargs={"pk": person.pk}))
    if status == "login":
        # Shared with members: the page and the card send a logged-out visitor to the login
        # (back here afterwards), without the name; the API stays a 404.
        for response, url in ((detail, person.get_absolute_url()), (vcard, person.get_vcard_url())):
            assert response.status_code == 302
            assert response["Location"] == f"/anmelden/?next={url}"
            assert person.name not in response.content.decode()
        assert api.status_code == 404
        return
    assert detail.status_code == vcard.status_code == api.status_code == status
    if status == 200:
        assert person.email in detail.content.decode()
        assert f"EMAIL;TYPE=INTERNET,WORK:{person.email}" in vcard.content.decode()
        assert vcard["Content-Type"].startswith("text/vcard")
        assert json.loads(api.content)["email"] == person.email
        assert "private" in detail["Cache-Control"] and "private" in api["Cache-Control"]


def test_member_finds_contact_by_action_field_and_region_and_sees_email(
    directory, member_client, client
):
    field = directory["members"].action_fields.first()
    url = f"/netzwerk/personen/?handlungsfeld={field.slug}&region=05"
    response = member_client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Martin Mitglied" in body and MEMBERS_EMAIL in body
    # Bremerhaven (Land 04) shares the action field but not the region.
    assert "Bert Bremer" not in body
    anonymous = client.get(url).content.decode()
    assert MEMBERS_EMAIL not in anonymous and "Keine Ansprechpersonen gefunden" in anonymous


def test_json_lists_what_the_viewer_may_see(directory, clients):
    seen = {}
    for role, client in clients.items():
        data = json.loads(client.get("/api/v1/netzwerk/kontakte/").content)
        seen[role] = {row["email"] for row in data["ergebnisse"]}
    assert PUBLIC_EMAIL in seen["anonymous"] and MEMBERS_EMAIL not in seen["anonymous"]
    assert MEMBERS_EMAIL in seen["member"] and HIDDEN_EMAIL not in seen["member"]
    # Editing rights never widen the public API: hidden contacts stay in the admin.
    assert MEMBERS_EMAIL in seen["editor"]
    assert not {HIDDEN_EMAIL, NO_CONSENT_EMAIL} & seen["editor"]


def test_region_filter_on_land_finds_contacts_in_its_gemeinden(directory, client):
    body = client.get("/netzwerk/personen/?region=05").content.decode()
    assert "Paula Offen" in body and "Bert Bremer" not in body
    body = client.get("/netzwerk/personen/?region=04").content.decode()
    assert "Bert Bremer" in body and "Paula Offen" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/netzwerk/personen/?region=99999",
        "/netzwerk/personen/?handlungsfeld=gibtsnicht",
        "/netzwerk/gremien/?art=quatsch",
        "/netzwerk/personen/?q=" + "x" * 300,
        "/api/v1/netzwerk/kontakte/?region=abc",
    ],
)
def test_bad_filter_is_a_400_with_a_german_message(directory, client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):  # the format of every read API (werkstatt.jsonapi)
        assert response.json() == {
            "fehler": "Unbekannter Parameter oder ungültiger Wert.",
            "parameter": "region",
        }
    else:
        text = response.content.decode()
        assert "gültige Auswahl" in text or "zu lang" in text


def test_body_page_shows_current_and_former_members_without_leaking(directory, clients):
    url = directory["beirat"].get_absolute_url()
    anonymous = clients["anonymous"].get(url).content.decode()
    assert "Bert Bremer" in anonymous and "Vorsitz" in anonymous
    assert "Frühere Mitglieder" in anonymous
    assert "Martin Mitglied" not in anonymous and "Hanna Verborgen" not in anonymous
    assert anonymous.count("Kontakt auf Anfrage") == 2
    member = clients["member"].get(url).content.decode()
    assert "Martin Mitglied" in member and "Hanna Verborgen" not in member
    editor = clients["editor"].get(url).content.decode()
    assert "Martin Mitglied" in editor and "Hanna Verborgen" not in editor


def test_municipality_profile_gathers_bodies_and_visible_contacts(directory, clients):
    url = "/netzwerk/kommunen/bremerhaven/"
    body = clients["anonymous"].get(url).content.decode()
    assert "ZWK-Beirat" in body and "Bert Bremer" in body
    lued = clients["anonymous"].get(directory["luedenscheid"].get_absolute_url()).content.decode()
    assert "Paula Offen" in lued and "Martin Mitglied" not in lued
    lued_member = (
        clients["member"].get(directory["luedenscheid"].get_absolute_url()).content.decode()
    )
    assert MEMBERS_EMAIL in lued_member


def test_unknown_municipality_is_404(db, client):
    assert client.get("/netzwerk/kommunen/gibt-es-nicht/").status_code == 404


def test_person_page_lists_published_pages_naming_them(site_tree, directory, clients):
    """Wagtail's reference index answers where a person is named: a contact row of a project
    and a tool's contact field; only live pages the visitor may open are listed."""
    factories = pytest.importorskip("projects.factories")
    from wagtail.models import PageViewRestriction

    from catalogue.factories import ToolPageFactory
    from projects.models import ProjectContact

    person = directory["public"]
    project = factories.ProjectPageFactory(title="Generationen im Gespräch")
    ProjectContact.objects.create(page=project, person=person, role="Leitung")
    closed = factories.ProjectPageFactory(title="Mitgliederprojekt Quellental")
    ProjectContact.objects.create(page=closed, person=person, role="Leitung")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    tool = ToolPageFactory(title="Bürgerbus Offen", contact=person)
    ToolPageFactory(title="Anderes Werkzeug", contact=directory["members"])

    def listed(role):
        body = clients[role].get(person.get_absolute_url()).content.decode()
        assert "Ansprechperson für" in body
        names = ("Generationen im Gespräch", "Mitgliederprojekt Quellental", "Bürgerbus Offen")
        return [name for name in names if name in body] + (
            ["Anderes Werkzeug"] if "Anderes Werkzeug" in body else []
        )

    assert listed("anonymous") == ["Generationen im Gespräch", "Bürgerbus Offen"]
    assert listed("member") == [
        "Generationen im Gespräch",
        "Mitgliederprojekt Quellental",
        "Bürgerbus Offen",
    ]
    project.unpublish()
    tool.contact = None
    tool.save_revision().publish()
    assert listed("member") == ["Mitgliederprojekt Quellental"]


def test_region_filter_lists_only_regions_with_content_grouped_by_land(client, db):
    from network.directory import region_choices
    from network.factories import MunicipalityFactory
    from taxonomy.models import Region

    MunicipalityFactory(name="Stolberg", region=Region.objects.get(code="05334"))
    choices = region_choices()
    assert choices[0] == ("", "alle Regionen")
    groups = dict(choices[1:])
    assert list(groups) == ["Nordrhein-Westfalen"]
    codes = [code for code, _ in groups["Nordrhein-Westfalen"]]
    assert codes == ["05", "05334"]
    html = client.get("/netzwerk/personen/").content.decode()
    assert '<optgroup label="Nordrhein-Westfalen">' in html
    assert "Bayern" not in html
    # The form's own URL as action (an empty action is invalid HTML), one type attribute.
    assert 'action="/netzwerk/personen/"' in html
    assert 'type="search" name="q"' in html and 'type="text"' not in html
