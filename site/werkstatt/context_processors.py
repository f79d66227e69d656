"""Navigation the base template shows on every page."""

from wagtail.models import Site

from .visibility import viewable


def site_navigation(request):
    """Top-level sections (live, 'in menu' children of the home page)."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_pages": []}
    root = site.root_page
    return {"nav_pages": viewable(root.get_children().live().in_menu(), request), "nav_root": root}
