"""The snippet „Synonyme“ in the Wagtail admin: editors maintain the query-side synonym sets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "list-ul"
    menu_label = _("Synonyme")
    list_display = ["terms"]
    search_fields = ["terms"]
    search_backend_name = None  # plain ORM search: always in step with the table


register_snippet(SynonymSetViewSet)
