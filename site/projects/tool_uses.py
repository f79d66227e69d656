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


def uses_many(tools, request):
    """`uses` for many tools at once: one query for projects and one for reports."""
    from catalogue.usage import Use
    from werkstatt.visibility import viewable

    from .models import ProjectTool, ReportTool

    ids = [tool.pk for tool in tools]
    found = {pk: [] for pk in ids}
    for model, kind in ((ProjectTool, _("Projekt")), (ReportTool, _("Bericht"))):
        links = list(
            model.objects.filter(tool_id__in=ids, page__live=True)
            .select_related("page__region")
            .order_by("page_id")
        )
        pages = {link.page_id: link.page for link in links}
        allowed = {page.pk for page in viewable(list(pages.values()), request)}
        seen = set()
        for link in links:
            if link.page_id not in allowed or (link.tool_id, link.page_id) in seen:
                continue
            seen.add((link.tool_id, link.page_id))
            page = link.page
            if kind == _("Projekt"):
                year = page.period_start.year if page.period_start else None
            else:
                year = page.year
            found[link.tool_id].append(Use(kind, page.title, page.url, page.region_label, year))
    return found


uses.many = uses_many
