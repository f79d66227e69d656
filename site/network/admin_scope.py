"""The admin's side of `permissions`: views, choosers, forms and bulk actions see only rows in scope.

Key concepts: Wagtail's generic snippet views check model permissions and load objects by pk;
`ScopedSnippetViewSet` narrows the listing (and so its CSV/XLSX export) to the policy's scope
and puts a guard in front of every view that takes an object's pk, so a row outside the scope
answers 403 whatever view is asked for (edit, delete, history, usage, copy, ...). Choosers and
bulk actions drop such rows as if they did not exist: not even their names are shown.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from .permissions import scoped_policy
from .roles import is_central_editor
from .scoped_forms import limit_choices, limit_formsets


def require_in_scope(model, view, choosing=False):
    """Wrap an object view: 403 unless the object (by its pk) is in the user's scope.

    `choosing`: the chooser's views, which also admit the shared rows the policy lets be chosen.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        policy = scoped_policy(model)
        pk = kwargs.get("pk")
        if policy is not None and pk is not None:
            narrow = policy.choosable if choosing else policy.scope
            in_scope = narrow(request.user, model._default_manager.filter(pk=unquote(str(pk))))
            if (
                not in_scope.exists()
                and model._default_manager.filter(pk=unquote(str(pk))).exists()
            ):
                raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def guard_urlpatterns(model, patterns, choosing=False):
    return [
        URLPattern(p.pattern, require_in_scope(model, p.callback, choosing), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]


class ScopedChooserMixin:
    def scoped(self, queryset):
        policy = scoped_policy(self.model_class)
        return policy.choosable(self.request.user, queryset) if policy else queryset

    def get_object_list(self):
        return self.scoped(super().get_object_list())

    def get_object(self, pk):
        return self.scoped(self.model_class.objects.all()).get(pk=pk)

    def get_objects(self, pks):
        return self.scoped(super().get_objects(pks))


class ScopedChooseView(ScopedChooserMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, ChooseResultsView):
    pass


class ScopedChosenView(ScopedChooserMixin, SnippetChosenView):
    pass


class ScopedChosenMultipleView(ScopedChooserMixin, SnippetChosenMultipleView):
    pass


class ScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView

    def get_urlpatterns(self):
        return guard_urlpatterns(self.model, super().get_urlpatterns(), choosing=True)


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose every view keeps to the row scope of the model's policy."""

    chooser_viewset_class = ScopedChooserViewSet

    def get_queryset(self, request):
        policy = scoped_policy(self.model)
        return policy.scope(request.user, self.model._default_manager.all())

    def get_urlpatterns(self):
        return guard_urlpatterns(self.model, super().get_urlpatterns())

    def get_edit_handler(self):
        return ObjectList(self.model.panels, base_form_class=ScopedForm).bind_to_model(self.model)


class ScopedForm(WagtailAdminModelForm):
    """Choices of persons, organisations, bodies and municipalities limited to the user's scope
    (plus the shared organisations and bodies, which every editor may choose).

    A municipality editor must give a municipality (one of theirs): a row without one would be
    the central team's and vanish from the editor's own listing.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or scoped_policy(self._meta.model) is None:
            return
        limit_choices(self, user)
        limit_formsets(self, user)
        if "municipality" in self.fields and not is_central_editor(user):
            self.fields["municipality"].required = True


class ScopedBulkActionMixin:
    """Bulk actions act on (and list) only rows in the user's scope; others are left out unnamed."""

    def get_all_objects_in_listing_query(self, parent_id):
        policy = scoped_policy(self.model)
        queryset = self.model.objects.all()
        if policy is not None:
            queryset = policy.scope(self.request.user, queryset)
        return queryset.values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        policy = scoped_policy(self.model)
        if policy is None:
            return objects, extra
        user = self.request.user

        def keep(items):
            return [item for item in items if policy.in_scope(user, item)]

        return keep(objects), {key: keep(value) for key, value in extra.items()}
