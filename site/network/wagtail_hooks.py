"""Network snippets in the Wagtail admin, the 12-month confirmation filter and the DSGVO actions."""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy, register_permission_policy
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search.openapi import PATHS_HOOK as OPENAPI_PATHS_HOOK
from werkstatt.sitemaps import SECTIONS_HOOK as SITEMAP_SECTIONS_HOOK

from . import admin_views, api, editor_admin, profile_sections, sitemaps
from .admin_scope import ScopedSnippetViewSet
from .bulk_actions import ReleaseBulkAction, ScopedDeleteBulkAction
from .models import (
    Body,
    ContactMessage,
    Municipality,
    Organisation,
    Person,
    Programme,
    Visibility,
)
from .permissions import scoped_policy
from .profile import SECTIONS_HOOK as PROFILE_SECTIONS_HOOK
from .roles import is_central_editor


class PersonFilterSet(WagtailFilterSet):
    confirmation = django_filters.ChoiceFilter(
        label=_("Bestätigung"),
        choices=[("faellig", _("Seit 12 Monaten nicht bestätigt"))],
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
        method="filter_confirmation",
    )
    release = django_filters.ChoiceFilter(
        label=_("Freigabe"),
        choices=[("ausstehend", _("Freigabe ausstehend (Einwilligung liegt vor)"))],
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
        method="filter_release",
    )
    visibility = django_filters.ChoiceFilter(
        label=_("Sichtbarkeit"),
        choices=Visibility.choices,
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Person
        fields = [
            "confirmation",
            "release",
            "visibility",
            "consent_given",
            "municipality",
            "action_fields",
        ]

    def filter_confirmation(self, queryset, name, value):
        return queryset.unconfirmed() if value == "faellig" else queryset

    def filter_release(self, queryset, name, value):
        return queryset.awaiting_release() if value == "ausstehend" else queryset


def yes_no(attribute):
    """„ja“/„nein“ for a boolean list column (Wagtail's default printed „True“)."""
    return lambda obj: _("ja") if getattr(obj, attribute) else _("nein")


class PersonViewSet(ScopedSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personen")
    list_display = [
        "name",
        "function",
        "organisation",
        "municipality",
        "visibility",
        Column(
            "consent_given",
            label=_("Einwilligung"),
            accessor=yes_no("consent_given"),
            sort_key="consent_given",
        ),
        # A short heading: „Zuletzt bestätigt am“ pushed the column out of a 1280 px window.
        DateColumn("last_confirmed", label=_("Bestätigt"), sort_key="last_confirmed"),
    ]
    search_fields = ["name", "email", "function"]
    search_backend_name = None  # plain ORM search: always in step with the table
    filterset_class = PersonFilterSet
    ordering = ["name"]
    list_per_page = 50
    list_export = [
        "name",
        "function",
        "organisation",
        "municipality",
        "email",
        "phone",
        "visibility",
        "consent_given",
        "consent_date",
        "last_confirmed",
    ]
    export_filename = "personen"


class OrganisationViewSet(ScopedSnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisationen")
    list_display = ["name", "kind", "municipality"]
    search_fields = ["name", "description"]
    search_backend_name = None
    list_filter = ["kind", "municipality"]
    list_per_page = 50
    list_export = ["name", "kind", "municipality", "website"]
    export_filename = "organisationen"


class BodyViewSet(ScopedSnippetViewSet):
    model = Body
    icon = "list-ul"
    menu_label = _("Gremien")
    list_display = ["name", "kind", "municipality"]
    search_fields = ["name", "purpose"]
    search_backend_name = None
    list_filter = ["kind", "municipality", "action_fields"]
    list_per_page = 50
    list_export = ["name", "kind", "municipality", "organisation", "founded"]
    export_filename = "gremien"


class MunicipalityViewSet(ScopedSnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Kommunen")
    list_display = ["name", "kind", "region", "population"]
    search_fields = ["name", "summary"]
    search_backend_name = None
    list_filter = ["kind", "programmes"]
    list_per_page = 50


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "doc-full"
    menu_label = _("Programme")
    list_display = ["name", "website"]
    search_fields = ["name", "description"]
    search_backend_name = None


class CentralEditorsReadPolicy(ModelPermissionPolicy):
    """Messages sent through the site: the central editors read and delete, nobody writes."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and is_central_editor(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ContactMessageViewSet(SnippetViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Nachrichten")
    list_display = [
        "sender_name",
        "person",
        "recipient_kind",
        Column("delivered", label=_("Zugestellt"), accessor=yes_no("delivered")),
        "created_at",
    ]
    search_fields = ["sender_name", "sender_email", "message"]
    search_backend_name = None
    inspect_view_enabled = True
    list_filter = ["recipient_kind", "delivered"]


register_permission_policy(ContactMessage, CentralEditorsReadPolicy(ContactMessage))


class NetworkGroup(SnippetViewSetGroup):
    items = (
        PersonViewSet,
        OrganisationViewSet,
        BodyViewSet,
        MunicipalityViewSet,
        ProgrammeViewSet,
        ContactMessageViewSet,
    )
    menu_icon = "group"
    menu_label = _("Netzwerk")
    menu_name = "network"


register_snippet(NetworkGroup)


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path(
            "netzwerk/personen/<int:pk>/auskunft/",
            admin_views.export_view,
            name="network_person_export",
        ),
        path(
            "netzwerk/personen/<int:pk>/dsgvo-loeschen/",
            admin_views.EraseView.as_view(),
            name="network_person_erase",
        ),
        path(
            "netzwerk/kommunen/<int:pk>/redaktion/",
            editor_admin.ManageEditorsView.as_view(),
            name="network_municipality_editors",
        ),
    ]


def can(user, action, person):
    return scoped_policy(Person).user_has_permission_for_instance(user, action, person)


@hooks.register("register_snippet_listing_buttons")
def editors_button(snippet, user, next_url=None):
    if isinstance(snippet, Municipality) and is_central_editor(user):
        yield Button(
            _("Redaktion verwalten"),
            reverse("network_municipality_editors", args=[snippet.pk]),
            icon_name="group",
            priority=70,
        )


@hooks.register("register_snippet_listing_buttons")
def privacy_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Person):
        return
    if can(user, "change", snippet):
        yield Button(
            _("Auskunft (JSON)"),
            reverse("network_person_export", args=[snippet.pk]),
            icon_name="download",
            priority=80,
        )
    if can(user, "delete", snippet):
        yield Button(
            _("DSGVO-Löschung"),
            reverse("network_person_erase", args=[snippet.pk]),
            icon_name="bin",
            priority=90,
        )


@hooks.register("register_log_actions")
def register_erase_action(actions):
    actions.register_action("network.erase", _("DSGVO-Löschung"), _("Person nach DSGVO gelöscht"))
    actions.register_action(
        "network.self_edit", _("Eigener Eintrag"), _("Von der Person selbst korrigiert")
    )
    actions.register_action(
        "network.consent_withdrawn",
        _("Einwilligung widerrufen"),
        _("Einwilligung von der Person widerrufen (Mein Eintrag)"),
    )


class ContactCarePanel(Component):
    """Dashboard: how many contacts need confirming or are waiting to be published."""

    name = "network_contacts"
    order = 90
    template_name = "network/admin/home_panel.html"

    def get_context_data(self, parent_context):
        mine = scoped_policy(Person).scope(parent_context["request"].user, Person.objects.all())
        return {
            "due": mine.unconfirmed().count(),
            "pending": mine.awaiting_release().count(),
            "list_url": reverse("wagtailsnippets_network_person:list"),
        }


@hooks.register("construct_homepage_panels")
def add_contact_care_panel(request, panels):
    if request.user.has_perm("network.change_person"):
        panels.append(ContactCarePanel())


class EraseMenuItem(ActionMenuItem):
    """„DSGVO-Löschung“ in the person editor's action menu."""

    name = "action-dsgvo-erase"
    label = _("DSGVO-Löschung …")
    icon_name = "bin"
    order = 900

    def is_shown(self, context):
        return (
            context.get("view") == "edit"
            and context.get("instance") is not None
            and can(context["request"].user, "delete", context["instance"])
        )

    def get_url(self, parent_context):
        return reverse("network_person_erase", args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def register_erase_menu_item(model):
    return EraseMenuItem() if model is Person else None


hooks.register("register_bulk_action", ReleaseBulkAction)
# Registered after Wagtail's own delete action (higher order), so it replaces it for these models.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=100)


@hooks.register("construct_page_chooser_queryset")
def hide_drafts_out_of_scope(pages, request):
    """Live pages are public and may be linked from anywhere; drafts only where one may edit."""
    if is_central_editor(request.user):
        return pages
    editable = page_permission_policy.instances_user_has_any_permission_for(
        request.user, ["add", "change", "publish"]
    )
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


# The network's own parts of the plugin points of lower apps it takes part in.
hooks.register(PROFILE_SECTIONS_HOOK, profile_sections.sections)
hooks.register(SITEMAP_SECTIONS_HOOK, sitemaps.sections)
hooks.register(OPENAPI_PATHS_HOOK, api.openapi_paths)
