"""Admin entry points of the catalogue: import and export buttons on every Werkzeugkatalog, and
the pages a municipality's editor group may edit (its catalogues and Werkstattpläne), its profile
section and its read API in the OpenAPI document."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button

from network.profile import SECTIONS_HOOK as PROFILE_SECTIONS_HOOK
from network.roles import is_central_editor
from search.openapi import PATHS_HOOK as OPENAPI_PATHS_HOOK

from . import admin_views, api, profile
from .models import CatalogueIndexPage, QualityMixin, WorkshopPlanPage
from .models.progress import review_due_before


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
        path(
            "import-vorlage/<slug:kind>.xlsx",
            admin_views.template_view,
            name="import_template",
        ),
        path(
            "werkstattplan/<int:page_id>/import/",
            admin_views.plan_import_view,
            name="plan_import",
        ),
        path(
            "werkstattplan/<int:page_id>/zwischenbilanz/",
            admin_views.plan_progress_view,
            name="plan_progress",
        ),
    ]


def _catalogue_buttons(page, user, priority=90):
    if not isinstance(page.specific_deferred, CatalogueIndexPage):
        return
    if not admin_views.may_export_catalogue(page, user):
        return
    if admin_views.may_import_catalogue(page, user):
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


def _plan_buttons(page, user, priority=90):
    if not isinstance(page.specific_deferred, WorkshopPlanPage):
        return
    if admin_views.may_import_plan(page, user):
        yield Button(
            _("Plan importieren"),
            reverse("plan_import", args=[page.pk]),
            icon_name="upload",
            priority=priority,
        )
        yield Button(
            _("Zwischenbilanz bearbeiten"),
            reverse("plan_progress", args=[page.pk]),
            icon_name="list-ul",
            priority=priority + 2,
        )


@hooks.register("register_page_header_buttons")
def catalogue_header_buttons(page, user, view_name=None, next_url=None):
    yield from _catalogue_buttons(page, user)
    yield from _plan_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def catalogue_listing_buttons(page, user, next_url=None):
    yield from _catalogue_buttons(page, user)
    yield from _plan_buttons(page, user)


@hooks.register("municipality_editor_pages")
def municipality_catalogues_and_plans(municipality, create):
    """Catalogues owned by the municipality's region and its plans; their tools come with them."""
    return [
        *CatalogueIndexPage.objects.filter(owner_region_id=municipality.region_id),
        *WorkshopPlanPage.objects.filter(region_id=municipality.region_id),
    ]


class ReviewDuePanel(Component):
    """Dashboard: tools and projects whose last editorial review is more than two years old."""

    name = "quality_reviews_due"
    order = 95
    template_name = "catalogue/admin/reviews_due_panel.html"
    limit = 20

    def get_context_data(self, parent_context):
        return {"due": reviews_due(limit=self.limit), "limit": self.limit}


def reviews_due(limit=None, today=None):
    """Pages with a quality status whose review date is due, oldest review first.

    Every page model with `QualityMixin` counts (tools here, projects from the projects app),
    found through the app registry so the catalogue does not import projects.
    """
    from django.apps import apps

    cutoff = review_due_before(today)
    found = []
    for model in apps.get_models():
        if issubclass(model, QualityMixin) and not model._meta.abstract:
            found.extend(
                model.objects.filter(reviewed_at__lte=cutoff).order_by("reviewed_at")[:limit]
            )
    found.sort(key=lambda page: (page.reviewed_at, page.title))
    return found[:limit] if limit else found


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if is_central_editor(request.user):
        panels.append(ReviewDuePanel())


hooks.register(PROFILE_SECTIONS_HOOK, profile.sections)
hooks.register(OPENAPI_PATHS_HOOK, api.openapi_paths)
