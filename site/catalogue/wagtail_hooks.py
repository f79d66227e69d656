"""Admin entry points of the catalogue: import and export buttons on every Werkzeugkatalog, and
the pages a municipality's editor group may edit (its catalogues and Werkstattpläne)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import admin_views
from .models import CatalogueIndexPage, WorkshopPlanPage


@hooks.register("register_admin_urls")
def catalogue_admin_urls():
    return [
        path(
            "werkzeugkatalog/<int:page_id>/import/",
            admin_views.import_view,
            name="catalogue_import",
        ),
        path(
            "werkzeugkatalog/<int:page_id>/export.<str:extension>",
            admin_views.export_view,
            name="catalogue_export",
        ),
    ]


def _catalogue_buttons(page, user, priority=90):
    if not isinstance(page.specific_deferred, CatalogueIndexPage):
        return
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        return
    if permissions.can_add_subpage() and permissions.can_publish_subpage():
        yield Button(
            _("Werkzeuge importieren"),
            reverse("catalogue_import", args=[page.pk]),
            icon_name="upload",
            priority=priority,
        )
    for extension, label in (("xlsx", _("Export als Excel (XLSX)")), ("csv", _("Export als CSV"))):
        yield Button(
            label,
            reverse("catalogue_export", args=[page.pk, extension]),
            icon_name="download",
            priority=priority + 1,
        )


@hooks.register("register_page_header_buttons")
def catalogue_header_buttons(page, user, view_name=None, next_url=None):
    yield from _catalogue_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def catalogue_listing_buttons(page, user, next_url=None):
    yield from _catalogue_buttons(page, user)


@hooks.register("municipality_editor_pages")
def municipality_catalogues_and_plans(municipality, create):
    """Catalogues owned by the municipality's region and its plans; their tools come with them."""
    return [
        *CatalogueIndexPage.objects.filter(owner_region_id=municipality.region_id),
        *WorkshopPlanPage.objects.filter(region_id=municipality.region_id),
    ]
