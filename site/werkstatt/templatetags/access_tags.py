"""`{% if page|may_view:request %}`: a linked page is shown only if the visitor may open it."""

from django import template

from ..visibility import blocked_paths

register = template.Library()


@register.filter
def may_view(page, request):
    """Live and not behind a view restriction the request does not pass."""
    if page is None or not getattr(page, "live", False):
        return False
    if request is None:
        return False
    return not page.path.startswith(blocked_paths(request))
