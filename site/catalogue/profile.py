"""The catalogue's section on a municipality profile (network.profile), once network provides it."""

from django.utils.translation import gettext_lazy as _


class CatalogueProfileSection:
    """Catalogues, Werkstattpläne and tools located in the municipality's region or below it."""

    title = _("Werkzeuge und Werkstattpläne")
    order = 20
    template_name = "catalogue/profile_section.html"

    def get_items(self, municipality, request=None):
        from .models import CatalogueIndexPage, ToolPage, WorkshopPlanPage

        region = getattr(municipality, "region", None)
        if region is None:
            return []
        code = region.code
        items = []
        for catalogue in CatalogueIndexPage.objects.live().filter(
            owner_region__code__startswith=code
        ):
            items.append({"kind": _("Werkzeugkatalog"), "page": catalogue})
        for plan in WorkshopPlanPage.objects.live().filter(region__code__startswith=code):
            items.append({"kind": _("Werkstattplan"), "page": plan})
        for tool in (
            ToolPage.objects.live()
            .filter(location_region__code__startswith=code)
            .order_by("title")[:50]
        ):
            items.append({"kind": _("Werkzeug"), "page": tool})
        return items


def register():
    """Register with network.profile when that app offers it (it lands on its own branch)."""
    try:
        from network.profile import register_section
    except ImportError:
        return
    register_section(CatalogueProfileSection())
