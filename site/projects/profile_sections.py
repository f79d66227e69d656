"""The projects app's parts of a municipality profile (/netzwerk/kommunen/<slug>/).

A municipality shows the live projects, reports and data reports located in its region or in
any region below it (a Kreis also lists what its Gemeinden and Ortsteile published).
"""

from django.utils.translation import gettext_lazy as _

from network.profile import Section
from werkstatt.visibility import viewable


class PagesInRegionSection(Section):
    model = None

    def get_items(self, municipality, request):
        region = getattr(municipality, "region", None)
        if region is None:
            return []
        pages = (
            self.model.objects.live()
            .filter(region__code__startswith=region.code)
            .select_related("region")
            .order_by("-first_published_at")
        )
        return list(viewable(pages, request)[:20])


def _section(model, title, order, key):
    section = PagesInRegionSection(
        title=title, order=order, key=key, template_name="projects/includes/profile_section.html"
    )
    section.model = model
    return section


def sections():
    """For `network.profile.SECTIONS_HOOK` (registered in wagtail_hooks)."""
    from .models import DataReportPage, ProjectPage, ReportPage

    return [
        _section(ProjectPage, _("Projekte"), 200, "projects.projects"),
        _section(ReportPage, _("Berichte"), 210, "projects.reports"),
        _section(DataReportPage, _("Datenberichte"), 220, "projects.datareports"),
    ]
