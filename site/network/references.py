"""Published pages that name a person as contact (tools, projects), found without importing them."""

from wagtail.models import Page

from werkstatt.visibility import viewable

from .privacy.relations import person_relations


def _page_for(obj):
    """The page an object belongs to: itself, or the page it hangs on through a ParentalKey."""
    from modelcluster.fields import ParentalKey

    if isinstance(obj, Page):
        return obj
    for field in obj._meta.concrete_fields:
        if isinstance(field, ParentalKey):
            parent = getattr(obj, field.name, None)
            if isinstance(parent, Page):
                return parent
    return None


def pages_naming(person, request):
    """Live pages that point at `person` and that `request` may open, title-sorted, no duplicates."""
    pages = {}
    for relation in person_relations():
        if relation.model._meta.label == "network.Membership":
            continue
        for obj in relation.referencing(person)[:50]:
            page = _page_for(obj)
            if page is not None and page.live and page.pk not in pages:
                pages[page.pk] = page.specific
    return sorted(viewable(list(pages.values()), request), key=lambda p: p.title)
