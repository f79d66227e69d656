"""Bulk actions on network snippets: "Freigeben" for imported persons, and a row-scoped delete.

Key concepts: an import keeps every person hidden and stores what the person's consent allows
(`requested_visibility`). Editors filter the person listing by "Freigabe ausstehend", select
and release: each selected person that still awaits release gets the requested visibility,
is saved (so search re-indexes it) and gets a log entry. Persons without recorded consent or
without a request are listed as not releasable and stay as they are.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .admin_scope import ScopedBulkActionMixin
from .models import Body, Municipality, Organisation, Person


class ScopedDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's bulk delete, limited to (and naming only) the rows in the user's scope."""

    models = [Person, Organisation, Body, Municipality]


class ReleaseBulkAction(ScopedBulkActionMixin, SnippetBulkAction):
    display_name = _("Freigeben")
    action_type = "release"
    aria_label = _("Ausgewählte Personen so sichtbar machen, wie ihre Einwilligung es erlaubt")
    template_name = "network/admin/confirm_bulk_release.html"
    action_priority = 20
    models = [Person]

    def check_perm(self, person):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", person
        )

    def get_actionable_objects(self):
        objects, without_access = super().get_actionable_objects()
        waiting = set(
            Person.objects.filter(pk__in=[p.pk for p in objects])
            .awaiting_release()
            .values_list("pk", flat=True)
        )
        without_access["not_releasable"] = [p for p in objects if p.pk not in waiting]
        return [p for p in objects if p.pk in waiting], without_access

    def object_context(self, person):
        return {
            **super().object_context(person),
            "requested": person.get_requested_visibility_display(),
        }

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        released = 0
        waiting = Person.objects.filter(pk__in=[p.pk for p in objects]).awaiting_release()
        for person in waiting:
            person.visibility = person.requested_visibility
            person.save(update_fields=["visibility", "updated_at"])
            log(instance=person, action="wagtail.edit", user=user)
            released += 1
        return released, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d Person freigegeben.",
            "%(count)d Personen freigegeben.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
