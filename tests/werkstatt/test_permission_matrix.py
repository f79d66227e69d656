"""Who may do what in the admin: roles × objects of two municipalities × actions, over real HTTP.

Roles: anonymous, member („Mitglieder“), editor of municipality A („Redaktion Stolberg (Rhld.)“),
central team („Redaktion“). Objects: for A and for B a project page (in the municipality's folder
below /projekte/), a draft page, a catalogue with a tool, a hidden person without consent, an
organisation, a body and the municipality itself. Like Wagtail's own test_page_permissions, each
cell asserts what the admin answers: the status code and whether the object's name appears.
"""

import pytest
from django.urls import reverse

ROLES = ["anonymous", "member", "editor_a", "central"]
SNIPPETS = ["person", "organisation", "body"]
# What each role may reach of A's and of B's rows: (A, B).
REACH = {
    "anonymous": (False, False),
    "member": (False, False),
    "editor_a": (True, False),
    "central": (True, True),
}


def client_for(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def snippet(side, kind):
    return {
        "person": side.person,
        "organisation": side.organisation,
        "body": side.body,
        "municipality": side.municipality,
    }[kind]


def name(obj):
    return getattr(obj, "name", None) or obj.title


def url(kind, view, *args):
    return reverse(f"wagtailsnippets_network_{kind}:{view}", args=args)


def assert_no_admin(response):
    """Anonymous and members are sent to the admin login; nothing of the admin is shown."""
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def assert_denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def assert_allowed_or_denied(response, allowed, ok=200):
    if allowed:
        assert response.status_code == ok
    else:
        assert_denied(response)


# --- snippets: list, edit, delete, export, choose ---------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", [*SNIPPETS, "municipality"])
def test_listing_shows_only_rows_in_scope(client, world, role, kind):
    response = client_for(client, world, role).get(url(kind, "list"))
    if not any(REACH[role]):
        assert_no_admin(response)
        return
    assert response.status_code == 200
    html = response.content.decode()
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        assert (name(snippet(side, kind)) in html) is reachable, (kind, side.municipality)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", [*SNIPPETS, "municipality"])
@pytest.mark.parametrize("view", ["edit", "history", "usage"])
def test_object_views_answer_only_in_scope(client, world, role, kind, view):
    client = client_for(client, world, role)
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        obj = snippet(side, kind)
        response = client.get(url(kind, view, obj.pk))
        if role in ("anonymous", "member"):
            assert_no_admin(response)
        elif reachable:
            assert response.status_code == 200
            assert name(obj) in response.content.decode()
        else:
            assert_denied(response)


@pytest.mark.parametrize("role", ["editor_a", "central"])
@pytest.mark.parametrize("kind", SNIPPETS)
def test_delete_only_in_scope(client, world, role, kind):
    client = client_for(client, world, role)
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        obj = snippet(side, kind)
        assert_allowed_or_denied(client.get(url(kind, "delete", obj.pk)), reachable)
        response = client.post(url(kind, "delete", obj.pk))
        assert response.status_code == 302
        if not reachable:
            assert_denied(response)
        assert type(obj).objects.filter(pk=obj.pk).exists() is not reachable


def test_municipality_editor_edits_own_municipality_but_cannot_add_or_delete(client, world):
    client = client_for(client, world, "editor_a")
    own = world.a.municipality
    form = {
        "name": own.name,
        "slug": own.slug,
        "region": own.region_id,
        "kind": own.kind,
        "population": "61000",
        "population_year": "2024",
        "website": "",
        "summary": "Neu geschrieben von der eigenen Redaktion.",
        "profile": '{"blocks": [], "entityMap": {}}',
    }
    response = client.post(url("municipality", "edit", own.pk), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    # Fresh rows, not the shared world's objects: those must stay as built for the other tests.
    Municipality = type(own)
    assert (
        Municipality.objects.get(pk=own.pk).summary == "Neu geschrieben von der eigenen Redaktion."
    )
    assert_denied(client.get(url("municipality", "add")))
    assert_denied(client.get(url("municipality", "delete", own.pk)))
    foreign = world.b.municipality
    assert_denied(client.post(url("municipality", "edit", foreign.pk), form))
    assert Municipality.objects.get(pk=foreign.pk).summary == foreign.summary


def organisation_form(municipality):
    return {
        "name": "Seniorenbüro Neu",
        "kind": "sonstige",
        "municipality": municipality.pk,
        "website": "",
        "description": "",
    }


def test_editor_adds_only_to_own_municipality(client, world):
    from network.models import Organisation

    client = client_for(client, world, "editor_a")
    response = client.post(url("organisation", "add"), organisation_form(world.b.municipality))
    assert response.status_code == 200  # the form again, with an error on „Kommune“
    assert "Bitte eine gültige Auswahl treffen." in response.content.decode()
    assert not Organisation.objects.filter(name="Seniorenbüro Neu").exists()
    response = client.post(url("organisation", "add"), organisation_form(world.a.municipality))
    assert response.status_code == 302
    assert Organisation.objects.get(name="Seniorenbüro Neu").municipality == world.a.municipality
    # The form offers only the editor's own municipality.
    html = client.get(url("organisation", "add")).content.decode()
    assert world.a.municipality.name in html
    assert world.b.municipality.name not in html


@pytest.mark.parametrize("role", ["editor_a", "central"])
@pytest.mark.parametrize("kind", SNIPPETS)
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_export_contains_only_rows_in_scope(client, world, role, kind, export):
    response = client_for(client, world, role).get(url(kind, "list") + f"?export={export}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export == "xlsx":
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content)).active
        text = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    else:
        text = content.decode("utf-8")
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        assert (name(snippet(side, kind)) in text) is reachable


@pytest.mark.parametrize("role", ["editor_a", "central"])
@pytest.mark.parametrize("kind", [*SNIPPETS, "municipality"])
def test_chooser_offers_only_rows_in_scope(client, world, role, kind):
    client = client_for(client, world, role)
    html = client.get(reverse(f"wagtailsnippetchoosers_network_{kind}:choose")).content.decode()
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        obj = snippet(side, kind)
        assert (name(obj) in html) is reachable
        chosen = client.get(reverse(f"wagtailsnippetchoosers_network_{kind}:chosen", args=[obj.pk]))
        assert_allowed_or_denied(chosen, reachable)


@pytest.mark.parametrize("role", ["editor_a", "central"])
def test_bulk_delete_names_and_deletes_only_rows_in_scope(client, world, role):
    from network.models import Person

    client = client_for(client, world, role)
    ids = f"?id={world.a.person.pk}&id={world.b.person.pk}"
    bulk = reverse("wagtail_bulk_action", args=["network", "person", "delete"]) + ids
    html = client.get(bulk).content.decode()
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        assert (side.person.name in html) is reachable
    response = client.post(bulk)
    assert response.status_code == 302
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        assert Person.objects.filter(pk=side.person.pk).exists() is not reachable


@pytest.mark.parametrize("role", ROLES)
def test_dsgvo_export_and_erasure_only_in_scope(client, world, role):
    client = client_for(client, world, role)
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        export = client.get(reverse("network_person_export", args=[side.person.pk]))
        erase = client.get(reverse("network_person_erase", args=[side.person.pk]))
        if role in ("anonymous", "member"):
            assert_no_admin(export)
            assert_no_admin(erase)
        elif reachable:
            assert export.status_code == 200 and side.person.name in export.content.decode()
            assert erase.status_code == 200
        else:
            assert_denied(export)
            assert_denied(erase)


def test_dashboard_counts_only_own_contacts(client, world):
    html = client_for(client, world, "editor_a").get(reverse("wagtailadmin_home")).content.decode()
    assert "1 Person" in html or "1 Personen" in html


# --- pages: view, add, edit, publish, delete, choose -----------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_page_edit_and_add_only_in_own_subtree(client, world, role):
    client = client_for(client, world, role)
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        for page in (side.project, side.tool, side.catalogue):
            response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            if role in ("anonymous", "member"):
                assert_no_admin(response)
                continue
            assert_allowed_or_denied(response, reachable)
        for parent, model in ((side.folder, "projectpage"), (side.catalogue, "toolpage")):
            app = "projects" if model == "projectpage" else "catalogue"
            response = client.get(reverse("wagtailadmin_pages:add", args=[app, model, parent.pk]))
            if role in ("anonymous", "member"):
                assert_no_admin(response)
            else:
                assert_allowed_or_denied(response, reachable)


@pytest.mark.parametrize("role", ["editor_a", "central"])
def test_explorer_lists_only_own_subtree(client, world, role):
    client = client_for(client, world, role)
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        response = client.get(reverse("wagtailadmin_explore", args=[side.folder.pk]))
        # Wagtail shows the (public) folder, but lists only the children one may explore.
        assert response.status_code == 200
        html = response.content.decode()
        assert (side.project.title in html) is reachable
        assert (side.draft.title in html) is reachable


@pytest.mark.parametrize("role", ["editor_a", "central"])
def test_delete_page_only_for_central_team_or_own_subtree(client, world, role):
    from wagtail.models import Page

    client = client_for(client, world, role)
    for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
        response = client.post(reverse("wagtailadmin_pages:delete", args=[side.draft.pk]))
        assert response.status_code == 302
        assert Page.objects.filter(pk=side.draft.pk).exists() is not reachable


def test_page_chooser_hides_drafts_of_other_municipalities(client, world):
    client = client_for(client, world, "editor_a")

    def chooser(folder):
        url = reverse("wagtailadmin_choose_page_child", args=[folder.pk])
        return client.get(url).content.decode()

    assert world.b.project.title in chooser(world.b.folder)  # live pages are public: linkable
    assert world.b.draft.title not in chooser(world.b.folder)
    assert world.a.draft.title in chooser(world.a.folder)


def project_form(page, action):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    return nested_form_data(
        {
            "title": page.title + " (geändert)",
            "slug": page.slug,
            "summary": "Geändert.",
            "region": "",
            "funding_programme": "",
            "period_start": "",
            "period_end": "",
            "status": page.status,
            "body": streamfield([("text", rich_text("<p>Geändert.</p>"))]),
            "phases": inline_formset([]),
            "working_groups": inline_formset([]),
            "documents": inline_formset([]),
            "contacts": inline_formset([]),
            "tools": inline_formset([]),
            "results": rich_text(""),
            action: action,
        }
    )


def test_municipality_editor_cannot_publish_but_submits_for_review(client, world):
    from wagtail.models import Page

    from projects.models import ProjectPage

    client = client_for(client, world, "editor_a")
    page = world.a.project
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Prüfung durch die Redaktion" in html
    assert 'name="action-publish"' not in html

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), project_form(page, "action-publish")
    )
    assert response.status_code == 302  # saved as a draft at most
    assert Page.objects.get(pk=page.pk).title == page.title  # the live title is unchanged

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), project_form(page, "action-submit")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ProjectPage.objects.get(pk=page.pk)
    assert page.title == "Projekt Aach-Seite"  # still not published
    state = page.current_workflow_state
    assert state is not None and state.workflow.name == "Prüfung durch die Redaktion"
    assert page.current_workflow_task.name == "Freigabe durch die Redaktion"


def test_central_team_publishes_directly(client, world):
    from projects.models import ProjectPage

    client = client_for(client, world, "central")
    page = world.b.project
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), project_form(page, "action-publish")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProjectPage.objects.get(pk=page.pk).title == "Projekt Brem-Seite (geändert)"


def test_projects_listing_shows_pages_of_every_folder(client, world):
    html = client.get("/projekte/").content.decode()
    assert world.a.project.title in html and world.b.project.title in html
    assert world.a.draft.title not in html
    response = client.get(world.a.project.url)
    assert response.status_code == 200
    assert world.a.project.url.startswith(f"/projekte/{world.a.municipality.slug}/")
    # The folder itself sends visitors to the municipality's profile.
    folder = client.get(world.a.folder.url)
    assert folder.status_code == 302
    assert folder["Location"] == world.a.municipality.get_absolute_url()


# --- the municipality's editors, named in the admin --------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_central_team_manages_a_municipalitys_editors(client, world, role):
    from django.contrib.auth.models import Group, User

    newcomer = User.objects.create_user("neu-in-b", "neu@example.org", "geheim-123")
    group = Group.objects.get(name="Redaktion Bremerhaven")
    client = client_for(client, world, role)
    manage = reverse("network_municipality_editors", args=[world.b.municipality.pk])
    response = client.post(manage, {"user": newcomer.pk, "action": "add"})
    in_group = newcomer.groups.filter(pk=group.pk).exists()
    if role in ("anonymous", "member"):
        assert_no_admin(response)
    elif role == "editor_a":
        assert_denied(response)
    else:
        assert response.status_code == 302
        html = client.get(manage).content.decode()
        assert "„neu-in-b“ ist jetzt in der Gruppe „Redaktion Bremerhaven“" in html
        assert "neu-in-b entfernen" in html
        listing = client.get(url("municipality", "list")).content.decode()
        assert manage in listing and "Redaktion verwalten" in listing
    assert in_group is (role == "central")
    if role == "central":
        client.post(manage, {"user": newcomer.pk, "action": "remove"})
        assert not newcomer.groups.filter(pk=group.pk).exists()
        response = client.post(manage, {"user": "999999", "action": "add"})
        assert "Dieses Benutzerkonto gibt es nicht (mehr)." in response.content.decode()


# --- cross-model reports: site history, snippet overview ---------------------------------


@pytest.mark.parametrize("role", ["editor_a", "central"])
def test_site_history_names_only_rows_in_scope(client, world, role):
    from wagtail.log_actions import log

    for side in (world.a, world.b):
        for kind in ("person", "organisation", "body", "municipality"):
            log(snippet(side, kind), "wagtail.edit", user=world.users["central"])
    client = client_for(client, world, role)
    pages = {
        "report": client.get(reverse("wagtailadmin_reports:site_history")),
        "results": client.get(reverse("wagtailadmin_reports:site_history_results")),
        "csv": client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv"),
    }
    for label, response in pages.items():
        assert response.status_code == 200, label
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8")
        for kind in ("person", "organisation", "body", "municipality"):
            for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
                assert (name(snippet(side, kind)) in text) is reachable, (label, kind, side)


@pytest.mark.parametrize("role", ["editor_a", "central"])
def test_snippet_overview_counts_no_network_rows(client, world, role):
    """Network snippets have their own menu, so Wagtail's overview (which counts every row of a
    model, unscoped) must leave them out; with nothing else to list, it sends the user back."""
    from network.permissions import scoped_models

    response = client_for(client, world, role).get(reverse("wagtailsnippets:index"))
    if response.status_code == 200:
        listed = {row["model"] for row in response.context["object_list"]}
        assert not listed & set(scoped_models())
    else:
        assert_denied(response)


@pytest.mark.parametrize("kind", ["organisation", "body"])
def test_shared_rows_are_choosable_but_not_editable_by_municipality_editors(client, world, kind):
    from network.models import Body, Organisation

    model = {"organisation": Organisation, "body": Body}[kind]
    shared = model.objects.create(name=f"Landesnetzwerk {kind} Geteilt", municipality=None)
    client = client_for(client, world, "editor_a")
    chooser = reverse(f"wagtailsnippetchoosers_network_{kind}:choose")
    assert shared.name in client.get(chooser).content.decode()
    chosen = reverse(f"wagtailsnippetchoosers_network_{kind}:chosen", args=[shared.pk])
    assert client.get(chosen).status_code == 200
    assert shared.name not in client.get(url(kind, "list")).content.decode()
    assert_denied(client.get(url(kind, "edit", shared.pk)))


# --- media: each municipality's own collection ------------------------------------------


def media_collection(side):
    from wagtail.models import GroupCollectionPermission

    side.municipality.refresh_from_db()  # setup_roles gave it its group through another instance
    return GroupCollectionPermission.objects.get(
        group=side.municipality.editor_group, permission__codename="add_document"
    ).collection


@pytest.mark.parametrize("role", ["editor_a", "central"])
def test_documents_and_their_choosers_only_in_scope(client, world, role):
    from projects.datareports.storage import private_collection
    from projects.factories import DocumentFactory

    for side in (world.a, world.b):
        assert media_collection(side).name == f"Medien {side.municipality.name}"
        DocumentFactory(title=f"Flyer {side.municipality.name}", collection=media_collection(side))
    table = DocumentFactory(title="Rohdaten Bremerhaven", collection=private_collection())
    client = client_for(client, world, role)
    for view in ("wagtaildocs:index", "wagtaildocs_chooser:choose"):
        html = client.get(reverse(view)).content.decode()
        for side, reachable in zip((world.a, world.b), REACH[role], strict=True):
            assert (f"Flyer {side.municipality.name}" in html) is reachable, (view, side)
        assert (table.title in html) is (role == "central"), view
    # The data table's file itself: only the central team may open it.
    served = client.get(table.url)
    assert (served.status_code == 200) is (role == "central")


def test_municipality_editor_uploads_into_its_own_collection(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    client = client_for(client, world, "editor_a")
    form = client.get(reverse("wagtaildocs:add")).content.decode()
    # Its own collection is the only one it may add to, so Wagtail asks for none and uses it.
    assert f"Medien {world.b.municipality.name}" not in form
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Werkstattplan A", "file": upload, "collection": media_collection(world.a).pk},
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Werkstattplan A")
    assert document.collection == media_collection(world.a)
    foreign = SimpleUploadedFile("b.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(
        reverse("wagtaildocs:add"),
        {"title": "Untergeschoben", "file": foreign, "collection": media_collection(world.b).pk},
    )
    assert (
        not get_document_model()
        .objects.filter(title="Untergeschoben", collection=media_collection(world.b))
        .exists()
    )
