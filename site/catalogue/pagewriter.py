"""Create many child pages quickly, each still a published page with a revision and log entries.

Key concepts: Wagtail's usual `add_child` + `save_revision()` + `publish()` saves each page three
times, and every save re-runs Wagtail's own search-index and reference-index updates (about 16
queries per page). For bulk imports the page is saved once already live; its child rows may be
written in bulk by the caller; `finish()` then creates all revisions with one INSERT per 500
pages (from the pages read back with their children prefetched), links them, writes the log
entries in bulk and sends `page_published` per page, so search indexing and every other
listener see exactly what a publish in the admin produces. Wagtail's per-save index work is
switched off while the writer runs (`deferred_indexes`) and done once for every touched page
at the end (`index_in_bulk`), inside the same transaction.
"""

import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, prefetch_related_objects
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from .treeadapter import child_path, remember_parent

BATCH = 500

# --- Wagtail's per-save index work, deferred for this thread --------------------------------

_deferring = threading.local()
_swap_lock = threading.Lock()
_swapped = {}  # model -> [threads deferring its search-index updates, handler was connected]


def _search_update_unless_deferred(sender, instance, **kwargs):
    """Stands in for Wagtail's search-index handler while some thread defers: other threads
    (and this one outside the import) still index on every save."""
    if sender not in getattr(_deferring, "models", ()):
        post_save_signal_handler(instance=instance, **kwargs)


@contextmanager
def deferred_indexes(model):
    """Skip Wagtail's search-index and reference-index updates on each save of `model` pages in
    this thread; the caller runs `index_in_bulk` for the touched pages before leaving."""
    with _swap_lock:
        if model not in _swapped:  # (a model with search_auto_update=False has no handler)
            connected = post_save.disconnect(post_save_signal_handler, sender=model)
            if connected:
                post_save.connect(_search_update_unless_deferred, sender=model)
            _swapped[model] = [0, connected]
        _swapped[model][0] += 1
    _deferring.models = {*getattr(_deferring, "models", ()), model}
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        _deferring.models = getattr(_deferring, "models", set()) - {model}
        with _swap_lock:
            _swapped[model][0] -= 1
            if not _swapped[model][0] and _swapped.pop(model)[1]:
                post_save.disconnect(_search_update_unless_deferred, sender=model)
                post_save.connect(post_save_signal_handler, sender=model)


def _child_relation_names(model):
    """Every relation a revision or the reference index reads: child objects and child m2m."""
    return [rel.get_accessor_name() for rel in get_all_child_relations(model)] + [
        field.name for field in get_all_child_m2m_relations(model)
    ]


def index_in_bulk(model, pks):
    """What Wagtail's save handlers would have done for these pages, in batches: the admin
    search index (`add_bulk`) and the reference index (children prefetched, not read per page)."""
    pks = list(pks)
    relations = _child_relation_names(model)
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        pages = list(model.get_indexed_objects().filter(pk__in=chunk).order_by("pk"))
        for backend in backends:
            backend.add_bulk(model, pages)
        if ReferenceIndex.is_indexed(model):
            prefetch_related_objects(pages, *relations)
            for page in pages:
                ReferenceIndex.create_or_update_for_object(page)


class PageWriter:
    """Adds published pages below one parent; unique slugs are computed once, not per query."""

    def __init__(self, parent, user=None):
        self.parent = parent
        self.user = user
        self.slugs = set(parent.get_children().values_list("slug", flat=True))
        self.new_pages = []
        self.updated = []
        last = parent.get_last_child()
        self.last_path = last.path if last else None

    def unique_slug(self, slug):
        base = slugify(slug)[:200] or "seite"
        candidate, number = base, 2
        while candidate in self.slugs:
            candidate = f"{base}-{number}"
            number += 1
        self.slugs.add(candidate)
        return candidate

    def create(self, page):
        """Save a new page live (its revision follows in `finish`)."""
        now = timezone.now()
        page.slug = self.unique_slug(page.slug)
        page.owner = self.user
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now
        page.draft_title = page.title
        page.depth = self.parent.depth + 1
        page.path = self.last_path = child_path(self.parent, self.last_path)
        page.numchild = 0
        page.locale_id = self.parent.locale_id
        remember_parent(page, self.parent)
        # The importer has validated every value and made the slug unique; Wagtail's own
        # create log entry is written in bulk in `finish` (log_action=None skips the per-page one).
        page.save(clean=False, log_action=None)
        self.new_pages.append(page)
        return page

    def update(self, page):
        """An existing page goes the normal way: a new revision, published."""
        page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        self.updated.append(page)
        return page

    def finish(self):
        """Count the new children on the parent; give every new page its revision (latest and
        live) and log entries; publish them; then Wagtail's indexes for every touched page."""
        pages = self.new_pages
        self.new_pages = []
        if pages:
            Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + len(pages))
            self.parent.numchild += len(pages)
            for start in range(0, len(pages), BATCH):
                self.publish_new(pages[start : start + BATCH])
        touched = pages + self.updated
        self.updated = []
        for model in {type(page) for page in touched}:
            index_in_bulk(model, [page.pk for page in touched if type(page) is model])

    def publish_new(self, pages):
        model = type(pages[0])
        prefetch_related_objects(pages, *_child_relation_names(model))
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        base_content_type = pages[0].get_base_content_type()
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(page.pk),
                user=self.user,
                content=page.serializable_data(),
                object_str=str(page),
                created_at=page.latest_revision_created_at,
            )
            for page in pages
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = page.live_revision = revision
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=content_type,
                page_id=page.pk,
                label=page.get_admin_display_title(),
                action=action,
                user=self.user,
                timestamp=page.latest_revision_created_at,
                revision=page.live_revision if action == "wagtail.publish" else None,
                content_changed=True,
            )
            for page in pages
            for action in ("wagtail.create", "wagtail.publish")
        )
        for page in pages:
            page_published.send(sender=model, instance=page, revision=page.live_revision)
