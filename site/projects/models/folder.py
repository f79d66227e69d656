"""/projekte/<kommune>/: the subtree of one municipality's projects, reports and data reports.

Key concepts: Wagtail grants page permissions on subtrees, so each municipality whose editors
publish here gets its own folder below /projekte/; its editor group („Redaktion <Kommune>“) has
add/change permission on the folder and so on everything in it. The folder itself is no page
of its own for visitors: it sends them to the municipality's profile, which lists the same pages.
"""

from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from network.scoped_forms import ScopedPageForm

CONTENT_TYPES = ["projects.ProjectPage", "projects.ReportPage", "projects.DataReportPage"]


class MunicipalityFolderPage(Page):
    """The projects and reports of one municipality, editable by its editor group."""

    municipality = models.OneToOneField(
        "network.Municipality",
        verbose_name=_("Kommune"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="project_folder",
    )

    content_panels = Page.content_panels + [FieldPanel("municipality")]
    base_form_class = ScopedPageForm
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = CONTENT_TYPES
    # No page of its own to preview (serve redirects; a preview looked for a template: 500).
    preview_modes = []

    class Meta:
        verbose_name = _("Projekte einer Kommune (Ordner)")
        verbose_name_plural = _("Projekte einer Kommune (Ordner)")

    def get_sitemap_urls(self, request=None):
        """Only a redirect to the profile: not an address of its own for search engines."""
        return []

    def serve(self, request, *args, **kwargs):
        if self.municipality_id:
            return redirect(self.municipality.get_absolute_url())
        return redirect(self.get_parent().url)
