"""Create many child pages quickly, each still a published page with a revision and log entries.

Key concepts: Wagtail's usual `add_child` + `save_revision()` + `publish()` saves each page three
times, and every save re-runs the reference and search index updates (~65 ms per page here).
For bulk imports the page is saved once already live, its revision is created and linked with
one UPDATE, the log entries are written in bulk, and `page_published` is still sent, so search
indexing and every other listener see exactly what a publish in the admin produces.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published


class PageWriter:
    """Adds published pages below one parent; unique slugs are computed once, not per query."""

    def __init__(self, parent, user=None):
        self.parent = parent
        self.user = user
        self.slugs = set(parent.get_children().values_list("slug", flat=True))
        self.log_entries = []
        self.created = 0
        last = parent.get_last_child()
        self.last_path = last.path if last else None

    def _next_path(self):
        """The tree path after the last child's, as treebeard's add_child computes it (one query less)."""
        if self.last_path is None:
            path = Page._get_path(self.parent.path, self.parent.depth + 1, 1)
        else:
            path = Page(path=self.last_path)._inc_path()
        self.last_path = path
        return path

    def unique_slug(self, slug):
        base = slugify(slug)[:200] or "seite"
        candidate, number = base, 2
        while candidate in self.slugs:
            candidate = f"{base}-{number}"
            number += 1
        self.slugs.add(candidate)
        return candidate

    def create(self, page):
        """Save a new page live, with one revision that is both latest and live."""
        now = timezone.now()
        page.slug = self.unique_slug(page.slug)
        page.owner = self.user
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now
        page.draft_title = page.title
        page.depth = self.parent.depth + 1
        page.path = self._next_path()
        page.numchild = 0
        page.locale_id = self.parent.locale_id
        page._cached_parent_obj = self.parent
        # The importer has validated every value and made the slug unique; Wagtail's own
        # create log entry is written in bulk below (log_action=None skips the per-page one).
        page.save(clean=False, log_action=None)
        self.created += 1
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            user=self.user,
            content=page.serializable_data(),
            object_str=str(page),
            created_at=now,
        )
        Page.objects.filter(pk=page.pk).update(latest_revision=revision, live_revision=revision)
        page.latest_revision = page.live_revision = revision
        content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
        for action in ("wagtail.create", "wagtail.publish"):
            self.log_entries.append(
                PageLogEntry(
                    content_type=content_type,
                    page_id=page.pk,
                    label=page.get_admin_display_title(),
                    action=action,
                    user=self.user,
                    timestamp=now,
                    revision=revision if action == "wagtail.publish" else None,
                    content_changed=True,
                )
            )
        page_published.send(sender=page.specific_class, instance=page, revision=revision)
        return page

    def update(self, page):
        """An existing page goes the normal way: a new revision, published."""
        page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        return page

    def finish(self):
        """Count the new children on the parent; write the collected log entries in one statement."""
        if self.created:
            Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.created)
            self.parent.numchild += self.created
            self.created = 0
        if self.log_entries:
            PageLogEntry.objects.bulk_create(self.log_entries, batch_size=500)
            self.log_entries = []
