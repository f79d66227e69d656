"""The catalogue's section on a municipality profile (network.profile.SECTIONS_HOOK)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkstatt.visibility import viewable


class CatalogueProfileSection:
    """Catalogues and Werkstattpläne of the municipality (or of its Kreis/Land) and its tools.

    Tools count when they run in the municipality's region or below it, or when another
    municipality's tool says it is 'also used in' this region.
    """

    key = "catalogue"
    title = _("Werkzeuge und Werkstattpläne")
    order = 20
    template_name = "catalogue/profile_section.html"

    def get_items(self, municipality, request):
        from .models import CatalogueIndexPage, ToolPage, WorkshopPlanPage

        region = getattr(municipality, "region", None)
        if region is None:
            return []
        code, around = region.code, region.ancestor_codes
        nearby = Q(code__startswith=code) | Q(code__in=around)
        items = []
        for catalogue in viewable(
            CatalogueIndexPage.objects.live()
            .filter(owner_region__in=_regions(nearby))
            .order_by("title"),
            request,
        ):
            items.append({"kind": _("Werkzeugkatalog"), "page": catalogue})
        for plan in viewable(
            WorkshopPlanPage.objects.live().filter(region__in=_regions(nearby)).order_by("title"),
            request,
        ):
            items.append({"kind": _("Werkstattplan"), "page": plan})
        tools = viewable(
            ToolPage.objects.live()
            .filter(
                Q(location_region__code__startswith=code)
                | Q(also_used_in__region__code__startswith=code)
            )
            .distinct()
            .order_by("title"),
            request,
        )[:50]
        for tool in tools:
            items.append({"kind": _("Werkzeug"), "page": tool})
        return items


class ProgressRow(tuple):
    """(tool, cells); every row also carries the section's years and chart, since the profile
    hands the template a plain list of items (one per tool, so the table of contents counts
    tools)."""

    years = ()
    chart = None


class ProgressProfileSection:
    """Zwischenbilanz of the municipality: the state of each of its tools per year, as a table
    and a small chart. Tools count when they run in the municipality's region or below it."""

    key = "zwischenbilanz"
    title = _("Zwischenbilanz")
    order = 25
    template_name = "catalogue/profile_progress.html"

    def get_items(self, municipality, request):
        from .models import ToolPage
        from .models.progress import progress_chart

        region = getattr(municipality, "region", None)
        if region is None:
            return []
        tools = list(
            viewable(
                ToolPage.objects.live()
                .filter(location_region__code__startswith=region.code, progress__isnull=False)
                .distinct()
                .prefetch_related("progress")
                .order_by("title"),
                request,
            )[:100]
        )
        years = sorted({year for tool in tools for year in tool.progress_by_year})
        if not years:
            return []
        items = [ProgressRow((tool, tool.progress_row(years))) for tool in tools]
        chart = progress_chart(items, years)
        for item in items:
            item.years, item.chart = years, chart
        return items


class SimilarProfileSection:
    """„Kommunen wie diese“: similar municipalities by the documented score, why they are
    similar, and the tools used there (see `catalogue.similarity`)."""

    key = "aehnliche-kommunen"
    title = _("Kommunen wie diese")
    order = 28
    template_name = "catalogue/profile_similar.html"

    def get_items(self, municipality, request):
        from urllib.parse import urlencode

        from .similarity import similar_municipalities

        matches = similar_municipalities(municipality, request)
        query = [("art", "werkzeug"), ("aehnlich", municipality.slug)]
        for match in matches:
            match.search_url = "/suche/?" + urlencode(query)
        return matches


def _regions(condition):
    from taxonomy.models import Region

    return Region.objects.filter(condition)


def sections():
    """For `network.profile.SECTIONS_HOOK` (registered in wagtail_hooks)."""
    return [CatalogueProfileSection(), ProgressProfileSection(), SimilarProfileSection()]
