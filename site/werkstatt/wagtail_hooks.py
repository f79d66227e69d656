"""Admin look shared by every app: one small stylesheet (see static/werkstatt/css/admin.css)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("werkstatt/css/admin.css"))
