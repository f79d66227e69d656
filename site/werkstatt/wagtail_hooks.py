"""Admin look shared by every app: one small stylesheet (see static/werkstatt/css/admin.css)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from . import autosave
from .documents import refusal


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("werkstatt/css/admin.css"))


@hooks.register("before_serve_document")
def documents_of_restricted_pages(document, request):
    """A document used only by pages this request may not view is refused (werkstatt.documents)."""
    return refusal(document, request)


@hooks.register("before_create_page")
def replace_own_autosaved_draft(request, parent_page, page_class):
    """A submit that overtook its own autosave creates the page once (werkstatt.autosave)."""
    return autosave.replace_own_autosaved_draft(request, parent_page, page_class)
