"""Wagtail's page view restrictions applied to every list that shows page titles.

Key concepts: Wagtail checks a view restriction only when the page itself is served. Section
pages, catalogues, profiles, related lists and "used in" lists must apply the same check, or a
restricted page's title leaks into them. `viewable(pages, request)` drops every page at or
below a restriction the request does not pass, using Wagtail's own `accept_request` (login,
groups, a password entered in this session); the restrictions are read once per content
generation (`werkstatt.generation`) and checked against each request.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from .generation import memo


def restrictions(request):
    """Every page view restriction with its page and groups (kept per content generation)."""
    return memo(
        request,
        "view restrictions",
        None,
        lambda: list(PageViewRestriction.objects.select_related("page").prefetch_related("groups")),
    )


def blocked_paths(request):
    """Tree paths of the restricted pages this request may not open (cached on the request)."""
    cached = getattr(request, "_werkstatt_blocked_paths", None)
    if cached is None:
        cached = tuple(
            restriction.page.path
            for restriction in restrictions(request)
            if not restriction.accept_request(request)
        )
        request._werkstatt_blocked_paths = cached
    return cached


def viewable(pages, request):
    """A page queryset or list without what `request` may not open (same type back)."""
    paths = blocked_paths(request)
    if not paths:
        return pages
    if hasattr(pages, "exclude"):
        hidden = Q()
        for path in paths:
            hidden |= Q(path__startswith=path)
        return pages.exclude(hidden)
    return [page for page in pages if not page.path.startswith(paths)]
