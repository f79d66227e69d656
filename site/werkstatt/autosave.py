"""Wagtail's autosave on a new page and the editor's own submit.

The first autosave of the create form creates the page as a draft; only its answer switches
the form over to the edit view. A submit or publish sent before that answer arrives (a slow
server) posts to the create view again and met the editor's own draft as „Der Kurztitel …
wird bereits verwendet“. That draft is nothing but an earlier state of the form being sent:
it is removed and the page created from the form as usual. Anyone else's page, a page ever
published, with children or in a workflow still blocks the slug as Wagtail says.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Revision

# An autosaved draft older than this is not the form now being sent.
RECENT = timedelta(hours=12)


def own_autosaved_draft(request, parent_page):
    """The sibling with the posted slug when it is this user's fresh, never published draft."""
    slug = request.POST.get("slug", "").strip()
    if request.method != "POST" or not slug:
        return None
    page = parent_page.get_children().filter(slug=slug).first()
    if (
        page is None
        or page.live
        or page.first_published_at is not None
        or page.owner_id != request.user.pk
        or page.numchild
        or page.locked
        or page.workflow_in_progress
        or page.latest_revision_created_at is None
        or page.latest_revision_created_at < timezone.now() - RECENT
    ):
        return None
    revisions = Revision.page_revisions.filter(object_id=str(page.pk))
    if revisions.exclude(user=request.user).exists():
        return None
    return page


def replace_own_autosaved_draft(request, parent_page, page_class):
    """`before_create_page`: clear the way for the form that the draft was autosaved from."""
    page = own_autosaved_draft(request, parent_page)
    if page is not None and page.specific_class is page_class:
        page.delete()
