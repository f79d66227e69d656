"""Wagtail's page view restrictions applied to every list that shows page titles.

Key concepts: Wagtail checks a view restriction only when the page itself is served. Section
pages, catalogues, profiles, related lists and "used in" lists must apply the same check, or a
restricted page's title leaks into them. `viewable(pages, request)` drops every page at or
below a restriction the request does not pass. A visitor who is neither logged in nor has
entered a page's password passes none of them (Wagtail's `accept_request` refuses login, group
and password restrictions alike): their blocked paths are the restricted paths, kept per
content version (`werkstatt.contentcache`). Anyone else is checked with Wagtail's own
`accept_request` on the restrictions as they are in the database now.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from .contentcache import cached


def _passes_none(request):
    user, session = getattr(request, "user", None), getattr(request, "session", {})
    passed = session.get(PageViewRestriction.passed_view_restrictions_session_key)
    return not getattr(user, "is_authenticated", False) and not passed


def blocked_paths(request):
    """Tree paths of the restricted pages this request may not open (cached on the request)."""
    found = getattr(request, "_werkstatt_blocked_paths", None)
    if found is None:
        restrictions = PageViewRestriction.objects.exclude(restriction_type="none")
        if _passes_none(request):
            paths = restrictions.values_list("page__path", flat=True)
            found = cached(request, "restricted paths", None, lambda: tuple(paths))
        else:
            found = tuple(
                restriction.page.path
                for restriction in restrictions.select_related("page").prefetch_related("groups")
                if not restriction.accept_request(request)
            )
        request._werkstatt_blocked_paths = found
    return found


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
