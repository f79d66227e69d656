"""„Redaktion verwalten“: the central team names a municipality's editors on the municipality.

Key concepts: the same as `manage.py grant_editor` (through `role_setup.grant_editor` and
`revoke_editor`), for the central team, who do not edit user accounts in general.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import Municipality
from .role_setup import grant_editor, revoke_editor
from .roles import is_central_editor


class EditorForm(forms.Form):
    user = forms.ModelChoiceField(
        label=gettext_lazy("Person (Benutzerkonto)"),
        queryset=get_user_model().objects.none(),
        error_messages={
            "required": gettext_lazy("Bitte ein Benutzerkonto auswählen."),
            "invalid_choice": gettext_lazy("Dieses Benutzerkonto gibt es nicht (mehr)."),
        },
    )
    action = forms.ChoiceField(
        choices=[("add", "add"), ("remove", "remove")], widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({u.username})" if u.get_full_name() else u.username
        )


class ManageEditorsView(WagtailAdminTemplateMixin, FormView):
    form_class = EditorForm
    template_name = "network/admin/municipality_editors.html"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not is_central_editor(request.user):
            raise PermissionDenied
        self.municipality = get_object_or_404(Municipality, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Redaktion verwalten")

    def get_page_subtitle(self):
        return self.municipality.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_network_municipality:list"), "label": _("Kommunen")},
            {"url": "", "label": _("Redaktion verwalten")},
        ]

    def get_initial(self):
        return {"action": "add"}

    def get_context_data(self, **kwargs):
        group = self.municipality.editor_group
        editors = group.user_set.order_by("username") if group else []
        return super().get_context_data(
            municipality=self.municipality,
            group_name=group.name if group else None,
            editors=editors,
            **kwargs,
        )

    def form_valid(self, form):
        user, municipality = form.cleaned_data["user"], self.municipality
        if form.cleaned_data["action"] == "remove":
            revoke_editor(user, municipality)
            messages.success(
                self.request,
                _("„%(user)s“ gehört nicht mehr zur Redaktion von %(town)s.")
                % {"user": user.username, "town": municipality},
            )
        else:
            group = grant_editor(user, municipality)
            messages.success(
                self.request,
                _("„%(user)s“ ist jetzt in der Gruppe „%(group)s“.")
                % {"user": user.username, "group": group.name},
            )
        return redirect("network_municipality_editors", pk=municipality.pk)
