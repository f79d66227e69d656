"""Navigation and site settings the base template shows on every page."""

from wagtail.models import Site

from .generation import memo
from .visibility import blocked_paths, viewable


def site_navigation(request):
    """Top-level sections (live, 'in menu' children of the home page) and the site settings.

    Both are content: kept per content generation, the sections per set of blocked paths
    (what the viewer may open), so members and the public each get their own list.
    """
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_pages": []}
    root = memo(request, "site root", site.pk, lambda: site.root_page)
    nav_pages = memo(
        request,
        "navigation",
        (site.pk, blocked_paths(request)),
        lambda: list(viewable(root.get_children().live().in_menu(), request)),
    )
    return {
        "nav_pages": nav_pages,
        "nav_root": root,
        "site_settings": _site_settings(request, site),
    }


def _site_settings(request, site):
    from .models import SiteSettings

    return memo(request, "site settings", site.pk, lambda: SiteSettings.for_site(site))
