"""The catalogue's section on a municipality profile (network.profile.register_section)."""

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


def _regions(condition):
    from taxonomy.models import Region

    return Region.objects.filter(condition)


def register():
    """Register with the network app's municipality profile (network lands before catalogue)."""
    from network.profile import register_section

    register_section(CatalogueProfileSection())
