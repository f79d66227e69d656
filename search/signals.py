"""Signal wiring: every registered model is re-indexed after commit when it changes.

Key concepts: model signals are connected per sender, only for what can change a registered
object's document: the registered models (and their subclasses and proxies), base classes of
registered pages (a base `Page` saved stands for its specific page), child rows of clusterable
models (tags, orderables: a saved or deleted object with a ParentalKey to a registered object
re-indexes that parent) and the through tables of many-to-many fields with a registered side.
`follow_registry()` works that set out anew whenever an adapter is registered or removed (in
`ready()`, when every model is loaded), so a save of an unrelated model never reaches search.
Wagtail's page-tree signals (move, slug change) and view restrictions concern every page, since
what lies below any page may be indexed: one rule re-indexes the page, its descendants and the
registered objects governed by them (`Adapter.page_field`, e.g. a tool's measures). A saved
document (a replaced file) re-indexes the pages that carry it (search.attachments). The work
itself is in `indexing.schedule()`.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from werkstatt.parental import parental_keys, parents_of

from . import indexing
from .registry import adapter_for, adapters, registered_models


def _page_specific(instance):
    """A base `Page` instance stands for its specific page; search adapters know the specific class."""
    from wagtail.models import Page

    if isinstance(instance, Page) and adapter_for(type(instance)) is None:
        specific_class = instance.specific_class
        if specific_class is not None and adapter_for(specific_class) is not None:
            return instance.specific
    return instance


def _parent_keys(model):
    """The ParentalKeys of `model` that point at a registered model (tags, orderables)."""
    return [f for f in parental_keys(model) if adapter_for(f.related_model) is not None]


def _parents_of(instance):
    """Registered objects that `instance` belongs to through a ParentalKey."""
    return parents_of(instance, _parent_keys(type(instance)))


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


def reindex_below(page):
    """The page, every page below it and every registered object governed by one of them
    (`Adapter.page_field`): what a move, a slug change or a view restriction can change."""
    for descendant in page.get_descendants(inclusive=True).specific().iterator():
        indexing.schedule(descendant)
    for adapter in adapters():
        if adapter.page_field:
            lookup = {f"{adapter.page_field}__path__startswith": page.path}
            for part in adapter.model._default_manager.filter(**lookup).iterator():
                indexing.schedule(part)


def on_page_tree_changed(sender, instance, **kwargs):
    reindex_below(instance)


def on_restriction_changed(sender, instance, **kwargs):
    """A view restriction added, changed or removed: the page and everything below it re-index."""
    page = getattr(instance, "page", None)
    if page is not None:
        reindex_below(page)


def on_restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        on_restriction_changed(sender, instance)


def on_document_saved(sender, instance, raw=False, **kwargs):
    """A document saved (its file replaced, say): every page that carries it re-indexes, so its
    search text holds the new file's text (search.attachments)."""
    from .attachments import renew_carriers

    if not raw:
        renew_carriers(instance)


def _related_to_registered(model, registered):
    """`model` is a registered model, a subclass or a base class of one."""
    return any(issubclass(model, r) or issubclass(r, model) for r in registered)


def senders():
    """(signal, receiver, sender) for every model signal that can change a document."""
    from django.apps import apps
    from wagtail.models import Page

    registered = registered_models()
    wanted = []
    for model in apps.get_models():
        if adapter_for(model) is not None or _parent_keys(model):
            wanted += [(post_save, on_save, model), (post_delete, on_delete, model)]
        elif issubclass(model, Page) and any(issubclass(r, model) for r in registered):
            wanted.append((post_save, on_save, model))
        if issubclass(model, Page) and adapter_for(model) is not None:
            wanted += [(page_published, on_page_changed, model)]
            wanted += [(page_unpublished, on_page_changed, model)]
        for field in model._meta.get_fields():
            if not field.many_to_many or field.auto_created:
                continue
            if _related_to_registered(model, registered) or _related_to_registered(
                field.related_model, registered
            ):
                wanted.append((m2m_changed, on_m2m, field.remote_field.through))
    return list(dict.fromkeys(wanted))


_connected = []


def _uid(receiver):
    return f"search.{receiver.__name__}"  # one per signal and sender (Django keys on both)


def follow_registry():
    """Connect the model receivers to exactly the senders the registry needs now."""
    wanted = senders()
    for signal, receiver, sender in _connected:
        if (signal, receiver, sender) not in wanted:
            signal.disconnect(sender=sender, dispatch_uid=_uid(receiver))
    for signal, receiver, sender in wanted:
        signal.connect(receiver, sender=sender, dispatch_uid=_uid(receiver))
    _connected[:] = wanted


def connect():
    """The receivers that concern every page (the registry adds the per-model ones)."""
    from wagtail.documents import get_document_model
    from wagtail.models import PageViewRestriction

    post_save.connect(
        on_document_saved, sender=get_document_model(), dispatch_uid="search.document_saved"
    )
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
    post_page_move.connect(on_page_tree_changed, dispatch_uid="search.post_page_move")
    page_slug_changed.connect(on_page_tree_changed, dispatch_uid="search.page_slug_changed")
    follow_registry()
