"""Projects and reports as uses of a catalogue tool (see `catalogue.usage`)."""

from django.utils.translation import gettext as _


def uses(tool, request):
    from catalogue.usage import Use
    from werkstatt.visibility import viewable

    from .models import ProjectPage, ReportPage

    found = []
    projects = viewable(ProjectPage.objects.live().filter(tools__tool=tool).distinct(), request)
    for page in projects.select_related("region").order_by("pk"):
        year = page.period_start.year if page.period_start else None
        found.append(Use(_("Projekt"), page.title, page.url, page.region_label, year))
    reports = viewable(ReportPage.objects.live().filter(tools__tool=tool).distinct(), request)
    for page in reports.select_related("region").order_by("pk"):
        found.append(Use(_("Bericht"), page.title, page.url, page.region_label, page.year))
    return found


def register():
    from catalogue.usage import register_source

    register_source(uses)
