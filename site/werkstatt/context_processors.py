"""Navigation and site settings the base template shows on every page, as ids and text."""

from collections import namedtuple

from wagtail.models import Site

from .contentcache import cached
from .visibility import blocked_paths, viewable

NavItem = namedtuple("NavItem", "pk title url")


def site_navigation(request):
    """Top-level sections (live, 'in menu' children of the home page) and the site settings,
    kept per content version and site, the sections also per set of blocked paths (what the
    viewer may open), so members and the public each get their own list."""
    site = Site.find_for_request(request)  # werkstatt.middleware.KnownSiteMiddleware
    if site is None:
        return {"nav_pages": []}
    return {
        "nav_pages": cached(
            request, "navigation", (site.pk, blocked_paths(request)), lambda: _nav(request, site)
        ),
        "site_settings": cached(request, "site settings", site.pk, lambda: _settings(request)),
    }


def _nav(request, site):
    pages = viewable(site.root_page.get_children().live().in_menu(), request)
    return [NavItem(page.pk, page.title, page.get_url(request)) for page in pages]


def _settings(request):
    from .models import SiteSettings

    found = SiteSettings.for_request(request)
    links = {
        name: page.get_url(request) if page else None
        for name, page in (
            ("imprint", found.imprint_page),
            ("privacy", found.privacy_page),
            ("accessibility", found.accessibility_page),
        )
    }
    return {"operator": found.operator, "feedback_email": found.feedback_email, **links}
