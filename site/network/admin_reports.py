"""Wagtail's site history report, kept to the user's rows (see `permissions`).

Key concepts: the report lists log entries with their labels, i.e. the names, of every person,
organisation, body and municipality, and Wagtail asks only for the model permission. A
municipality editor has the model permissions, so without this subclass they would read the
names of another municipality's contacts there. It is mounted in front of Wagtail's own URLs
(`network.admin_urls`). (Wagtail's snippet overview, the other cross-model view, leaves out
snippets with their own menu, as all network snippets have, so it counts none of their rows.)
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry

from .permissions import scoped_models, scoped_policy
from .roles import is_central_editor


def in_scope_log_entries(queryset, user):
    """`queryset` of model log entries without those of rows outside `user`'s scope.

    Entries of deleted rows are left out as well: whose they were can no longer be told.
    """
    if is_central_editor(user):
        return queryset
    for model in scoped_models():
        rows = scoped_policy(model).scope(user, model._default_manager.all())
        keys = rows.annotate(key=Cast("pk", CharField())).values("key")
        content_type = ContentType.objects.get_for_model(model)
        queryset = queryset.exclude(Q(content_type=content_type) & ~Q(object_id__in=keys))
    return queryset


class ScopedSiteHistoryView(LogEntriesView):
    """The site history report (also its CSV/XLSX export) with `in_scope_log_entries`."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if issubclass(queryset.model, ModelLogEntry):
            queryset = in_scope_log_entries(queryset, self.request.user)
        return queryset
