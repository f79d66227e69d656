"""setup_roles and grant_editor: the groups, their permissions and the review workflow."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowPage,
)

from network.factories import MunicipalityFactory, gemeinde

pytestmark = pytest.mark.django_db


def snapshot():
    """Every group with its model, collection and page permissions, comparable between runs."""
    return {
        group.name: (
            sorted(group.permissions.values_list("content_type__app_label", "codename")),
            sorted(
                GroupCollectionPermission.objects.filter(group=group).values_list(
                    "collection_id", "permission__codename"
                )
            ),
            sorted(
                GroupPagePermission.objects.filter(group=group).values_list(
                    "page_id", "permission__codename"
                )
            ),
        )
        for group in Group.objects.order_by("name")
    }


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def stolberg(site_tree):
    from projects.factories import section_page

    section_page()
    return MunicipalityFactory(
        name="Stolberg (Rhld.)", region=gemeinde("05334032", "Stolberg (Rhld.)")
    )


def test_setup_roles_is_idempotent_and_makes_every_group(stolberg):
    run("setup_roles")
    first = snapshot()
    output = run("setup_roles")
    assert snapshot() == first
    assert "Rollen und Rechte eingerichtet" in output
    assert "angelegt" not in output  # the second run creates nothing
    assert {"Redaktion", "Mitglieder", "Redaktion Stolberg (Rhld.)"} <= set(first)
    # Wagtail's default groups are gone (they had no members).
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    stolberg.refresh_from_db()
    assert stolberg.editor_group.name == "Redaktion Stolberg (Rhld.)"


def test_central_team_edits_and_publishes_everything_members_have_no_admin(stolberg):
    from wagtail.models import Page

    run("setup_roles")
    central = User.objects.create_user("zentral")
    central.groups.add(Group.objects.get(name="Redaktion"))
    member = User.objects.create_user("mitglied")
    member.groups.add(Group.objects.get(name="Mitglieder"))
    assert central.has_perm("wagtailadmin.access_admin")
    assert central.has_perm("network.delete_person") and central.has_perm("taxonomy.change_region")
    root = Page.get_first_root_node()
    codenames = set(
        GroupPagePermission.objects.filter(group__name="Redaktion", page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page", "bulk_delete_page"} <= codenames
    assert not member.has_perm("wagtailadmin.access_admin")
    editors = Group.objects.get(name="Redaktion Stolberg (Rhld.)")
    assert not GroupPagePermission.objects.filter(
        group=editors, permission__codename="publish_page"
    ).exists()


def test_default_group_with_members_is_emptied_not_deleted(stolberg):
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    user = User.objects.create_user("alt")
    user.groups.add(moderators)
    output = run("setup_roles")
    moderators.refresh_from_db()
    assert not moderators.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert not GroupCollectionPermission.objects.filter(group=moderators).exists()
    assert "„Moderators“ hat noch Mitglieder" in output


def test_workflow_is_german_and_covers_the_whole_tree(stolberg):
    run("setup_roles")
    run("setup_roles")
    assert list(Workflow.objects.values_list("name", flat=True)) == ["Prüfung durch die Redaktion"]
    assert list(Task.objects.values_list("name", flat=True)) == ["Freigabe durch die Redaktion"]
    task = GroupApprovalTask.objects.get()
    assert [g.name for g in task.groups.all()] == ["Redaktion"]
    assert WorkflowPage.objects.get(page__depth=1).workflow.name == "Prüfung durch die Redaktion"
    assert not Workflow.objects.filter(name__icontains="moderator").exists()


def test_grant_editor_and_revoke(stolberg):
    from projects.models import MunicipalityFolderPage

    user = User.objects.create_user("anna")
    output = run("grant_editor", "anna", "--kommune", stolberg.slug)
    assert "„anna“ ist jetzt in der Gruppe „Redaktion Stolberg (Rhld.)“" in output
    assert user.groups.filter(name="Redaktion Stolberg (Rhld.)").exists()
    folder = MunicipalityFolderPage.objects.get(municipality=stolberg)
    assert folder.url == f"/projekte/{stolberg.slug}/"
    assert GroupPagePermission.objects.filter(
        group__name="Redaktion Stolberg (Rhld.)", page=folder, permission__codename="add_page"
    ).exists()
    # Granting twice changes nothing.
    run("grant_editor", "anna", "--kommune", stolberg.slug)
    assert MunicipalityFolderPage.objects.filter(municipality=stolberg).count() == 1

    output = run("grant_editor", "anna", "--kommune", stolberg.slug, "--revoke")
    assert "gehört nicht mehr zur Redaktion von Stolberg (Rhld.)" in output
    assert not user.groups.filter(name="Redaktion Stolberg (Rhld.)").exists()
    output = run("grant_editor", "anna", "--kommune", stolberg.slug, "--revoke")
    assert "war nicht in der Redaktion" in output


def test_grant_editor_refuses_unknown_user_and_municipality_in_german(stolberg):
    User.objects.create_user("anna")
    with pytest.raises(CommandError, match="keine Person mit dem Benutzernamen „niemand“"):
        run("grant_editor", "niemand", "--kommune", stolberg.slug)
    with pytest.raises(CommandError, match="keine Kommune mit dem Kurznamen „atlantis“"):
        run("grant_editor", "anna", "--kommune", "atlantis")


def test_catalogue_permissions_follow_its_owner_region(stolberg):
    from catalogue.factories import CatalogueIndexPageFactory

    catalogue = CatalogueIndexPageFactory(owner_region=stolberg.region, slug="katalog-stolberg")
    run("setup_roles")
    group = Group.objects.get(name="Redaktion Stolberg (Rhld.)")
    assert GroupPagePermission.objects.filter(group=group, page=catalogue).exists()
    # Given to another region, the catalogue leaves the Stolberg group on the next run.
    catalogue.owner_region = gemeinde("04012000", "Bremerhaven")
    catalogue.save()
    run("setup_roles")
    assert not GroupPagePermission.objects.filter(group=group, page=catalogue).exists()


def test_setup_roles_files_flat_project_pages_into_the_municipality_folder(stolberg):
    from projects.factories import ProjectPageFactory, section_page
    from projects.models import MunicipalityFolderPage

    section = section_page()
    flat = ProjectPageFactory(
        parent=section,
        title="Generationendialog",
        slug="generationendialog",
        region=stolberg.region,
    )
    elsewhere = ProjectPageFactory(parent=section, title="Bundesprogramm", slug="bundesprogramm")
    run("setup_roles")
    folder = MunicipalityFolderPage.objects.get(municipality=stolberg)
    flat.refresh_from_db()
    elsewhere.refresh_from_db()
    assert flat.get_parent().pk == folder.pk
    assert elsewhere.get_parent().pk == section.pk  # no municipality: stays with the central team
    group = Group.objects.get(name="Redaktion Stolberg (Rhld.)")
    assert GroupPagePermission.objects.filter(
        group=group, page=folder, permission__codename="change_page"
    ).exists()
