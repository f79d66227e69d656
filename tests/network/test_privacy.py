"""DSGVO: the export holds everything about a person; erasure leaves no trace in our tables."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from network.factories import BodyFactory, MembershipFactory, PersonFactory
from network.models import Membership, Person
from network.privacy import erase_person, export_person
from network.privacy.scrub import variants
from werkstatt.demo import ensure_child
from werkstatt.models import StandardPage

pytestmark = pytest.mark.django_db

NAME = "Gerlinde Spurlos"
EMAIL = "gerlinde.spurlos@example.org"
PHONE = "0421 999 1234"
OWN_PREFIXES = ("werkstatt_", "taxonomy_", "network_", "catalogue_", "projects_", "search_")
WAGTAIL_TABLES = (
    "wagtailcore_revision",
    "wagtailcore_pagelogentry",
    "wagtailcore_modellogentry",
    "wagtailcore_page",
)


@pytest.fixture
def traced(site_tree, django_capture_on_commit_callbacks):
    """A members-only person who left traces: a body seat, a page and its revisions, log entries."""
    with django_capture_on_commit_callbacks(execute=True):
        person = PersonFactory(
            name="Gerlinde Spurlos", email=EMAIL, phone=PHONE, visibility="members"
        )
        log(person, "wagtail.edit")  # what the snippet editor writes
        body = BodyFactory(name="Lenkungskreis Demografie")
        MembershipFactory(body=body, person=person, role="Sprecherin", group="Verwaltung")
        page, _ = ensure_child(
            site_tree,
            StandardPage,
            "sprechstunde",
            title=f"Sprechstunde mit {NAME}",
            intro=f"Fragen beantwortet {NAME} ({EMAIL}, Tel. {PHONE}).",
            body=[("text", f"<p>Ansprechpartnerin für Jürgen-Müller-Themen: {NAME}</p>")],
        )
        page.intro = f"Neu: {NAME} lädt ein."
        page.save_revision().publish()
        # A Body revision as Wagtail would store it if bodies were revisioned: seats by person id.
        Revision.objects.create(
            content_type=ContentType.objects.get_for_model(body),
            base_content_type=ContentType.objects.get_for_model(body),
            object_id=str(body.pk),
            object_str=body.name,
            content={
                "pk": body.pk,
                "name": body.name,
                "memberships": [
                    {"pk": 1, "body": body.pk, "person": person.pk, "role": "Sprecherin"}
                ],
            },
        )
    return {"person": person, "body": body, "page": page}


def dump_tables():
    """Every row of our own apps' tables and Wagtail's revisions, pages and logs, as text."""
    tables = [
        t
        for t in connection.introspection.table_names()
        if t.startswith(OWN_PREFIXES) or t in WAGTAIL_TABLES
    ]
    found = {}
    with connection.cursor() as cursor:
        for table in tables:
            try:
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            except Exception:  # noqa: S112 - FTS shadow tables that cannot be read directly
                continue
            found[table] = "\n".join(repr(row) for row in cursor.fetchall())
    return found


def hits(dump, token):
    spellings = {v.lower() for v in variants(token)}
    return sorted(t for t, text in dump.items() if any(s in text.lower() for s in spellings))


def test_traces_exist_before_erasure(traced):
    """The test below could not fail if the traces were never written."""
    dump = dump_tables()
    assert "network_person" in hits(dump, NAME)
    assert "wagtailcore_revision" in hits(dump, NAME)
    assert "wagtailcore_revision" in hits(dump, EMAIL)
    assert "wagtailcore_modellogentry" in hits(dump, NAME)
    assert "werkstatt_standardpage" in hits(dump, NAME)
    assert "search_searchdocument" in hits(dump, NAME)
    assert "wagtailcore_page" in hits(dump, NAME)


def test_erasure_leaves_no_trace(traced, editor, django_capture_on_commit_callbacks):
    person, body = traced["person"], traced["body"]
    pk = person.pk
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_person(person, user=editor)
    dump = dump_tables()
    for token in (NAME, EMAIL, PHONE):
        assert hits(dump, token) == [], f"{token} bleibt in {hits(dump, token)}"
    assert not Person.objects.filter(pk=pk).exists()
    assert not Membership.objects.filter(person_id=pk).exists()
    assert report.memberships == 1
    # The person's id inside the body's revision is gone too.
    revision = Revision.objects.get(content_type__model="body", object_id=str(body.pk))
    assert revision.content["memberships"][0]["person"] is None
    # The erasure is logged, without the name.
    entry = ModelLogEntry.objects.get(action="network.erase")
    assert entry.object_id == str(pk) and NAME not in entry.label
    assert entry.user == editor
    # The page still reads sensibly.
    page = StandardPage.objects.get(pk=traced["page"].pk)
    assert "[entfernt]" in page.intro and "Jürgen-Müller" in page.specific.body.render_as_block()


def test_erasure_removes_search_document(traced, django_capture_on_commit_callbacks):
    from search.models import SearchDocument

    key = f"network.person:{traced['person'].pk}"
    assert SearchDocument.objects.filter(key=key).exists()
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(traced["person"])
    assert not SearchDocument.objects.filter(key=key).exists()


def test_export_holds_everything(traced):
    data = export_person(traced["person"])
    json.dumps(data)  # serialisable
    assert data["person"]["name"] == NAME
    assert data["person"]["email"] == EMAIL and data["person"]["phone"] == PHONE
    assert data["person"]["visibility"] == "members"
    assert data["person"]["consent_given"] is True and data["person"]["consent_date"]
    assert data["memberships"] == [
        {
            "body": "Lenkungskreis Demografie",
            "body_id": traced["body"].pk,
            "role": "Sprecherin",
            "group": "Verwaltung",
            "since": None,
            "until": None,
        }
    ]
    assert {r["object"] for r in data["revisions"]} >= {
        f"Sprechstunde mit {NAME}",
        "Lenkungskreis Demografie",
    }
    assert [e["action"] for e in data["log_entries"]] == ["wagtail.edit"]


def test_admin_export_downloads_json(traced, editor_client):
    response = editor_client.get(f"/admin/netzwerk/personen/{traced['person'].pk}/auskunft/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["person"]["email"] == EMAIL


def test_admin_erase_needs_confirmation(traced, editor_client):
    pk = traced["person"].pk
    url = f"/admin/netzwerk/personen/{pk}/dsgvo-loeschen/"
    page = editor_client.get(url)
    assert page.status_code == 200 and "Endgültig löschen" in page.content.decode()
    refused = editor_client.post(url, {})
    assert refused.status_code == 200
    assert "ausdrücklich bestätigen" in refused.content.decode()
    assert Person.objects.filter(pk=pk).exists()
    done = editor_client.post(url, {"confirm": "on"}, follow=True)
    assert done.status_code == 200
    assert not Person.objects.filter(pk=pk).exists()
    assert f"Person #{pk} wurde gelöscht" in done.content.decode()


def test_listing_offers_privacy_actions(traced, editor_client):
    body = editor_client.get("/admin/snippets/network/person/").content.decode()
    assert f"/admin/netzwerk/personen/{traced['person'].pk}/dsgvo-loeschen/" in body
    assert f"/admin/netzwerk/personen/{traced['person'].pk}/auskunft/" in body


def test_members_cannot_export_or_erase(traced, member_client):
    pk = traced["person"].pk
    assert member_client.get(f"/admin/netzwerk/personen/{pk}/auskunft/").status_code in (302, 403)
    assert member_client.post(
        f"/admin/netzwerk/personen/{pk}/dsgvo-loeschen/", {"confirm": "on"}
    ).status_code in (302, 403)
    assert Person.objects.filter(pk=pk).exists()


def test_erasure_clears_tool_contact_and_its_revisions(
    site_tree, django_capture_on_commit_callbacks
):
    """Catalogue's ToolPage.contact (FK to Person) is nulled generically, live and in revisions."""
    factories = pytest.importorskip("catalogue.factories")
    if not hasattr(factories, "ToolPageFactory"):
        pytest.skip("catalogue hat noch keine ToolPageFactory")
    with django_capture_on_commit_callbacks(execute=True):
        person = PersonFactory(name=NAME, email=EMAIL, phone=PHONE)
        section = factories.CatalogueSectionPageFactory(parent=site_tree)
        catalogue = factories.CatalogueIndexPageFactory(parent=section)
        tool = factories.ToolPageFactory(parent=catalogue, contact=person, contact_name=NAME)
        tool.save_revision().publish()
    assert Revision.objects.filter(object_id=str(tool.pk), content__contact=person.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_person(person)
    tool.refresh_from_db()
    assert tool.contact is None and NAME not in tool.contact_name
    assert report.references_nulled == 1
    for revision in Revision.objects.filter(object_id=str(tool.pk)):
        assert revision.content.get("contact") is None
    dump = dump_tables()
    for token in (NAME, EMAIL, PHONE):
        assert hits(dump, token) == [], f"{token} bleibt in {hits(dump, token)}"


def test_erasure_clears_project_contacts_and_their_revisions(
    site_tree, django_capture_on_commit_callbacks
):
    """Projects' ProjectContact.person (an InlinePanel row of the page) is nulled, in revisions too."""
    factories = pytest.importorskip("projects.factories")
    from projects.models import ProjectContact, ProjectPage

    with django_capture_on_commit_callbacks(execute=True):
        person = PersonFactory(name=NAME, email=EMAIL, phone=PHONE)
        page = factories.ProjectPageFactory(title="Soziale Kupferstadt 2030")
        ProjectContact.objects.create(page=page, person=person, role="Projektleitung")
        page = ProjectPage.objects.get(pk=page.pk)
        page.save_revision().publish()
    revision = page.get_latest_revision()
    assert revision.content["contacts"][0]["person"] == person.pk
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_person(person)
    contact = ProjectContact.objects.get(page=page)
    assert contact.person is None and contact.role == "Projektleitung"
    assert report.references_nulled == 1
    revision.refresh_from_db()
    assert revision.content["contacts"][0]["person"] is None
    dump = dump_tables()
    for token in (NAME, EMAIL, PHONE):
        assert hits(dump, token) == [], f"{token} bleibt in {hits(dump, token)}"


def test_erasure_keeps_a_namesakes_record(
    traced, editor_client, django_capture_on_commit_callbacks
):
    namesake = PersonFactory(name=NAME, email="andere.gerlinde@example.org", visibility="public")
    url = f"/admin/netzwerk/personen/{traced['person'].pk}/dsgvo-loeschen/"
    assert "1 weitere Person trägt denselben Namen" in editor_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(traced["person"])
    namesake.refresh_from_db()
    assert namesake.name == NAME and namesake.email == "andere.gerlinde@example.org"
    assert hits(dump_tables(), EMAIL) == []


@pytest.fixture
def elasticsearch(settings):
    """The configured cluster, or the real client against a port where nothing listens."""
    import os

    from search.backends import active_backend_name

    settings.ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 2
    settings.SEARCH_BACKEND = ""
    assert active_backend_name() == "elasticsearch"
    return bool(os.environ.get("ELASTICSEARCH_URL"))


def test_erasure_records_what_each_search_backend_confirmed(
    elasticsearch, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = PersonFactory(name=NAME, email=EMAIL, phone=PHONE)
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_person(person, user=editor)
    expected = "gelöscht" if elasticsearch else "ausstehend"
    assert report.search == {"database": "gelöscht", "elasticsearch": expected}
    entry = ModelLogEntry.objects.get(action="network.erase")
    assert entry.data["search"] == {"database": "gelöscht", "elasticsearch": expected}


def test_erasure_log_entry_says_pending_until_search_ran(traced, editor):
    """Inside the transaction nothing is confirmed yet; the after-commit step fills it in."""
    erase_person(traced["person"], user=editor)  # no commit in this test: callbacks never run
    entry = ModelLogEntry.objects.get(action="network.erase")
    assert entry.data["search"] == {"database": "ausstehend"}


@pytest.fixture
def account(traced):
    """The person's member account (auth_user), in the members' group."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        "gspurlos", EMAIL, "geheim-123", first_name="Gerlinde", last_name="Spurlos"
    )
    user.groups.add(Group.objects.get_or_create(name="Mitglieder")[0])
    Person.objects.filter(pk=traced["person"].pk).update(user=user)
    traced["person"].refresh_from_db()
    return user


def test_erasure_anonymises_the_member_account(traced, account, editor):
    """Issue 30: the account (first name, surname, e-mail) outlived the erased person."""
    from django.contrib.auth.models import User

    erase_person(traced["person"], user=editor)
    account.refresh_from_db()
    assert (account.first_name, account.last_name, account.email) == ("", "", "")
    assert "spurlos" not in account.username.lower()
    assert not account.is_active and not account.has_usable_password()
    assert not account.groups.exists()
    assert not User.objects.filter(email__iexact=EMAIL).exists()
    assert not User.objects.filter(last_name__icontains="Spurlos").exists()


def test_export_holds_the_account_messages_and_comments(traced, account, editor):
    from wagtail.models import Comment

    from network.models import ContactMessage

    person = traced["person"]
    ContactMessage.objects.create(
        person=person,
        sender_name="Erika Fragend",
        sender_email="erika@example.net",
        message="Wie lief die Sprechstunde?",
    )
    Comment.objects.create(
        page=traced["page"],
        user=editor,
        text=f"Bitte {NAME} noch einmal fragen",
        contentpath="title",
    )
    Comment.objects.create(
        page=traced["page"], user=editor, text="Überschrift kürzen", contentpath="title"
    )
    exported = json.loads(json.dumps(export_person(person)))
    assert exported["account"]["username"] == "gspurlos"
    assert exported["account"]["email"] == EMAIL
    assert exported["account"]["groups"] == ["Mitglieder"]
    assert [m["message"] for m in exported["messages"]] == ["Wie lief die Sprechstunde?"]
    assert exported["messages"][0]["sender_name"] == "Erika Fragend"
    assert [c["text"] for c in exported["comments"]] == [f"Bitte {NAME} noch einmal fragen"]


def test_the_erasure_preview_names_the_account(traced, account, editor_client):
    url = f"/admin/netzwerk/personen/{traced['person'].pk}/dsgvo-loeschen/"
    html = editor_client.get(url).content.decode()
    assert "das Mitgliedskonto „gspurlos“" in html
