"""Published pages that name a person (a tool's contact, a project's contacts), for the person page.

Wagtail's reference index answers "where is this used" for every page, including references
from child rows (a project contact is recorded under its project) and from choosers in
bodies; it is written on every save and by the catalogue's bulk page writes. What the index
cannot decide stays here: only live pages the visitor may open are listed (the person page
itself is shown only to whom the person's visibility admits). Export and erasure do not use
the index: they must find every row in the schema, also ones written past Wagtail's signals.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from werkstatt.visibility import viewable


def pages_naming(person, request):
    """Live pages that point at `person` and that `request` may open, title-sorted, no duplicates."""
    ids = (
        ReferenceIndex.get_references_to(person)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    pages = viewable(Page.objects.live().filter(pk__in={int(i) for i in ids}), request)
    return sorted(pages.specific(), key=lambda page: page.title)
