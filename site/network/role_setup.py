"""Sets up the roles of `roles`: groups, their permissions and the review workflow, idempotently.

Key concepts: `setup_roles()` makes the permission tables say what `roles` describes. It runs in
the data migration (with the migration's historical models, `registry=apps`, and without pages:
apps above network may not be migrated yet) and, complete, in `manage.py setup_roles` and
`load_demo`. Which pages belong to a municipality is not known here (network sits below
catalogue and projects): those apps answer through the Wagtail hook `municipality_editor_pages`,
a function `(municipality, create) -> pages` where `create` may make a missing page (a folder).
Running it twice gives the same rows; a municipality group's page permissions are synced, so a
catalogue given to another municipality leaves the old group.
"""

from django.apps import apps as django_apps

from .roles import CENTRAL_GROUP, MEMBERS_GROUP, municipality_group_name

WORKFLOW_NAME = "Prüfung durch die Redaktion"
TASK_NAME = "Freigabe durch die Redaktion"
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
PAGES_HOOK = "municipality_editor_pages"

CRUD = ("add", "change", "delete", "view")
# Everything the central team edits outside the page tree (snippets and settings).
CENTRAL_MODELS = {
    "network": ("person", "organisation", "body", "municipality", "programme"),
    "taxonomy": ("actionfield", "region", "targetgroup"),
}
CENTRAL_EXTRA = ("werkstatt.change_sitesettings", "wagtailadmin.access_admin")
# A municipality editor keeps the contacts of their municipality and edits (not adds) it.
EDITOR_PERMISSIONS = (
    "wagtailadmin.access_admin",
    *(
        f"network.{action}_{model}"
        for model in ("person", "organisation", "body")
        for action in CRUD
    ),
    "network.change_municipality",
    "network.view_municipality",
)
CENTRAL_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
EDITOR_PAGE_PERMISSIONS = ("add", "change")
MEDIA = (("wagtailimages", "image"), ("wagtaildocs", "document"))
CENTRAL_MEDIA_ACTIONS = ("add", "change", "delete", "choose")
# Within its own collection only (Setup.municipality_media).
EDITOR_MEDIA_ACTIONS = ("add", "change", "delete", "choose")


class Setup:
    """One run over the roles; `registry` is Django's app registry or a migration's."""

    def __init__(self, registry=None, report=None):
        self.apps = registry or django_apps
        self.report = report or (lambda message: None)
        self.model = self.apps.get_model

    # -- permissions ------------------------------------------------------------------------

    def permission(self, label):
        """The Permission `app.codename`, created if `post_migrate` has not made it yet."""
        app_label, codename = label.split(".")
        model_name = codename.rsplit("_", 1)[1]
        ContentType = self.model("contenttypes", "ContentType")
        Permission = self.model("auth", "Permission")
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model_name
        )
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        return permission

    def page_permission(self, action):
        return self.permission(f"wagtailcore.{action}_page")

    def group(self, name):
        group, created = self.model("auth", "Group").objects.get_or_create(name=name)
        if created:
            self.report(f"Gruppe „{name}“ angelegt")
        return group

    def grant_collection(self, group, actions):
        Collection = self.model("wagtailcore", "Collection")
        GroupCollectionPermission = self.model("wagtailcore", "GroupCollectionPermission")
        root = Collection.objects.filter(depth=1).first()
        if root is None:
            return
        for app_label, model_name in MEDIA:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root,
                    permission=self.permission(f"{app_label}.{action}_{model_name}"),
                )

    def root_page(self):
        return self.model("wagtailcore", "Page").objects.filter(depth=1).first()

    # -- the groups -------------------------------------------------------------------------

    def central(self):
        group = self.group(CENTRAL_GROUP)
        labels = [
            f"{app}.{action}_{model}"
            for app, models in CENTRAL_MODELS.items()
            for model in models
            for action in CRUD
        ]
        group.permissions.add(*(self.permission(label) for label in [*labels, *CENTRAL_EXTRA]))
        self.grant_collection(group, CENTRAL_MEDIA_ACTIONS)
        root = self.root_page()
        if root is not None:
            GroupPagePermission = self.model("wagtailcore", "GroupPagePermission")
            for action in CENTRAL_PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=self.page_permission(action)
                )
        return group

    def members(self):
        group = self.group(MEMBERS_GROUP)
        # Members only log in to the public site; no admin access, whatever was added by hand.
        group.permissions.remove(self.permission("wagtailadmin.access_admin"))
        return group

    def municipality(self, municipality):
        """The municipality's editor group with its model and media permissions."""
        if municipality.editor_group_id is None:
            municipality.editor_group = self.group(municipality_group_name(municipality))
            municipality.save(update_fields=["editor_group"])
        group = municipality.editor_group
        group.permissions.add(*(self.permission(label) for label in EDITOR_PERMISSIONS))
        return group

    def retire_wagtail_defaults(self):
        """Wagtail's Editors/Moderators: deleted when empty, else stripped of every permission."""
        Group = self.model("auth", "Group")
        for name in WAGTAIL_DEFAULT_GROUPS:
            group = Group.objects.filter(name=name).first()
            if group is None:
                continue
            if not group.user_set.exists():
                group.delete()
                self.report(f"Wagtail-Gruppe „{name}“ gelöscht (keine Mitglieder)")
                continue
            group.permissions.clear()
            self.model("wagtailcore", "GroupPagePermission").objects.filter(group=group).delete()
            self.model("wagtailcore", "GroupCollectionPermission").objects.filter(
                group=group
            ).delete()
            self.report(
                f"Wagtail-Gruppe „{name}“ hat noch Mitglieder: alle Rechte entzogen; "
                "bitte die Personen einer Redaktionsgruppe zuordnen"
            )

    def workflow(self, central):
        """„Prüfung durch die Redaktion“ on the whole tree; Wagtail's default one renamed into it."""
        Workflow = self.model("wagtailcore", "Workflow")
        Task = self.model("wagtailcore", "GroupApprovalTask")
        WorkflowTask = self.model("wagtailcore", "WorkflowTask")
        WorkflowPage = self.model("wagtailcore", "WorkflowPage")
        workflow = (
            Workflow.objects.filter(name=WORKFLOW_NAME).first()
            or Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
            or Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        )
        workflow.name, workflow.active = WORKFLOW_NAME, True
        workflow.save()
        task = (
            Task.objects.filter(name=TASK_NAME).first()
            or Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
        )
        if task is None:
            content_type = self.model("contenttypes", "ContentType").objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0]
            task = Task.objects.create(name=TASK_NAME, content_type=content_type, active=True)
        task.name, task.active = TASK_NAME, True
        task.save()
        task.groups.set([central])
        WorkflowTask.objects.filter(workflow=workflow).exclude(task_id=task.pk).delete()
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
        )
        root = self.root_page()
        if root is not None:
            WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
        return workflow

    # -- pages ------------------------------------------------------------------------------

    def municipality_pages(self, municipality, group, create=False):
        """Sync the group's page permissions with the pages the content apps name for it."""
        from wagtail import hooks

        GroupPagePermission = self.model("wagtailcore", "GroupPagePermission")
        pages = {
            page.pk for hook in hooks.get_hooks(PAGES_HOOK) for page in hook(municipality, create)
        }
        wanted = {self.page_permission(action).pk for action in EDITOR_PAGE_PERMISSIONS}
        GroupPagePermission.objects.filter(group=group).exclude(
            page_id__in=pages, permission_id__in=wanted
        ).delete()
        for page_id in pages:
            for permission_id in wanted:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=page_id, permission_id=permission_id
                )
        return pages

    def municipality_media(self, municipality, group):
        """The group's own collection „Medien <Kommune>“: it uploads and chooses there only.

        Not the root collection: that would show every municipality's images and documents in
        the choosers. The collection is found again through the group's permission on it, so
        renaming the municipality (or the collection) keeps the link.
        """
        from wagtail.models import Collection, GroupCollectionPermission

        owned = GroupCollectionPermission.objects.filter(
            group=group, permission__codename="add_document"
        ).first()
        collection = owned.collection if owned is not None else None
        if collection is None:
            root = Collection.get_first_root_node()  # Wagtail's migrations make it
            name = f"Medien {municipality.name}"
            collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
            self.report(f"Sammlung „{name}“ angelegt")
        wanted = [
            self.permission(f"{app_label}.{action}_{model_name}").pk
            for app_label, model_name in MEDIA
            for action in EDITOR_MEDIA_ACTIONS
        ]
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=collection, permission_id__in=wanted
        ).delete()
        for permission_id in wanted:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission_id=permission_id
            )
        return collection

    def run(self, pages=True):
        central = self.central()
        self.members()
        self.retire_wagtail_defaults()
        self.workflow(central)
        for municipality in self.model("network", "Municipality").objects.all():
            group = self.municipality(municipality)
            if pages:
                self.municipality_pages(municipality, group)
                self.municipality_media(municipality, group)
        return central


def setup_roles(registry=None, report=None, pages=True):
    """Create or bring up to date every group, permission and the review workflow."""
    return Setup(registry, report).run(pages=pages)


def grant_editor(user, municipality):
    """Make `user` an editor of `municipality` (group, permissions and pages made on first use)."""
    setup = Setup()
    group = setup.municipality(municipality)
    setup.municipality_pages(municipality, group, create=True)
    setup.municipality_media(municipality, group)
    user.groups.add(group)
    return group


def revoke_editor(user, municipality):
    """Take `user` out of the municipality's editor group; True when they were in it."""
    group = municipality.editor_group
    if group is None or not user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.remove(group)
    return True
