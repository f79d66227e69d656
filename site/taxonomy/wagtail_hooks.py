"""Taxonomy snippets in the Wagtail admin: searchable, filterable, action fields reorderable."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ActionField, Region, TargetGroup


class ActionFieldViewSet(SnippetViewSet):
    model = ActionField
    icon = "tag"
    menu_label = _("Handlungsfelder")
    list_display = ["name", "slug", "colour", "icon"]
    search_fields = ["name", "description"]
    search_backend_name = None  # plain ORM search: always in step with the table
    list_filter = ["icon"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regionen")
    list_display = ["name", "code", "level", "kind", "parent"]
    search_fields = ["name", "code"]
    search_backend_name = None
    list_filter = ["level", "kind"]
    ordering = ["code"]
    list_per_page = 50


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Zielgruppen")
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    search_backend_name = None  # plain ORM search: always in step with the table


class TaxonomyGroup(SnippetViewSetGroup):
    items = (ActionFieldViewSet, TargetGroupViewSet, RegionViewSet)
    menu_icon = "folder-open-1"
    menu_label = _("Taxonomie")
    menu_name = "taxonomy"


register_snippet(TaxonomyGroup)
