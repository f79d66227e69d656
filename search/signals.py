"""Signal wiring: every registered model is re-indexed after commit when it changes.

Key concepts: pages (Wagtail signals publish/unpublish/move/slug change, plus post_save and
post_delete), plain models and snippets (post_save, post_delete, m2m_changed), and child rows
of clusterable models (tags, orderables: any saved or deleted object with a ParentalKey to a
registered object re-indexes that parent). The work itself is in `indexing.schedule()`.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import indexing
from .registry import adapter_for, registered_models


def _page_specific(instance):
    """A base `Page` instance stands for its specific page; search adapters know the specific class."""
    from wagtail.models import Page

    if isinstance(instance, Page) and adapter_for(type(instance)) is None:
        specific_class = instance.specific_class
        if specific_class is not None and adapter_for(specific_class) is not None:
            return instance.specific
    return instance


def _parents_of(instance):
    """Registered objects that `instance` belongs to through a ParentalKey (tags, orderables)."""
    from modelcluster.fields import ParentalKey

    for field in instance._meta.concrete_fields:
        if isinstance(field, ParentalKey) and adapter_for(field.related_model) is not None:
            parent = getattr(instance, field.name, None)
            if parent is not None:
                yield parent


def on_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata
        return
    if adapter_for(sender) is not None:
        indexing.schedule(instance)
        return
    target = _page_specific(instance)
    if target is not instance:
        indexing.schedule(target)
        return
    for parent in _parents_of(instance):
        indexing.schedule(parent)


def on_delete(sender, instance, **kwargs):
    if adapter_for(sender) is not None:
        indexing.schedule_delete(instance)
        return
    for parent in _parents_of(instance):
        indexing.schedule(parent)  # the parent stays; its document loses the child


def on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if adapter_for(type(instance)) is not None:
        indexing.schedule(instance)
    if pk_set and adapter_for(model) is not None:
        for obj in model._default_manager.filter(pk__in=pk_set):
            indexing.schedule(obj)


def on_page_changed(sender, instance, **kwargs):
    indexing.schedule(_page_specific(instance))


def on_page_tree_changed(sender, instance, **kwargs):
    """Moves, slug and restriction changes concern the page and everything below it."""
    for page in instance.get_descendants(inclusive=True).specific().iterator():
        indexing.schedule(page)
    # Parts of pages indexed on their own (e.g. future visions of a catalogue) follow it.
    from modelcluster.fields import ParentalKey
    from wagtail.models import Page

    for model in registered_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
                for part in model._default_manager.filter(
                    **{f"{field.name}__path__startswith": instance.path}
                ):
                    indexing.schedule(part)


def on_restriction_changed(sender, instance, **kwargs):
    """A view restriction added, changed or removed: the page and everything below it re-index."""
    page = getattr(instance, "page", None)
    if page is None:
        return
    on_page_tree_changed(sender, page)


def on_restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        on_restriction_changed(sender, instance)


def connect():
    from wagtail.models import PageViewRestriction

    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_saved"
    )
    post_delete.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search.restriction_deleted",
    )
    m2m_changed.connect(
        on_restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="search.restriction_groups",
    )
    post_save.connect(on_save, dispatch_uid="search.on_save")
    post_delete.connect(on_delete, dispatch_uid="search.on_delete")
    m2m_changed.connect(on_m2m, dispatch_uid="search.on_m2m")
    page_published.connect(on_page_changed, dispatch_uid="search.page_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_page_tree_changed, dispatch_uid="search.post_page_move")
    page_slug_changed.connect(on_page_tree_changed, dispatch_uid="search.page_slug_changed")
