"""How content apps tell search what to index, without search importing them.

Key concepts: a content app subclasses `Adapter` for each searchable model and calls
`register(MyAdapter())` in its `AppConfig.ready()` (or a `search_adapters.py` imported from
there). `to_document(obj)` returns an `IndexDocument` or None when the object must not be
findable (unpublished page, hidden person). The search app writes documents on publish,
unpublish, save, delete and move (inside `transaction.on_commit`) and on `rebuild_search`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .contract import DAY, PUBLIC

_adapters = {}


@dataclass
class IndexDocument:
    kind: str  # a key of contract.KINDS
    title: str
    url: str
    summary: str = ""
    body: str = ""
    # The date of the content (tool: first year of use; report: publication; project: start),
    # not of the page: "Neueste zuerst" and the hit show it. YEAR when only the year is known.
    date: datetime.date | None = None
    date_precision: str = DAY
    visibility: str = PUBLIC  # PUBLIC or MEMBERS; never put members-only text in a PUBLIC document
    # facet name -> values: handlungsfeld slugs, region codes (the most specific; search adds
    # ancestors), zielgruppe slugs, status, schlagwort (tag names), jahr (years as strings)
    facets: dict[str, list[str]] = field(default_factory=dict)


class Adapter:
    """Turns one model's objects into search documents."""

    model = None
    # For a part of a page indexed on its own (a future vision, a measure): the ForeignKey or
    # ParentalKey to the page that governs it. Its restrictions apply, and moving or
    # restricting that page or one above it re-indexes the part (search.signals).
    page_field = None

    def get_queryset(self):
        """Everything that may be indexed (rebuild iterates over it)."""
        return self.model._default_manager.all()

    def batch_queryset(self, model):
        """Where a batch of changed `model` objects (any, live or not) is read from: an adapter
        adds the select_related/prefetch_related its `to_document` needs, so a batch of a
        thousand costs a few queries, not a few per object."""
        return model._default_manager.all()

    def to_document(self, obj):
        raise NotImplementedError

    def dependents(self, pks):
        """Registered objects whose documents show part of the objects with these `pks` (a
        Werkstattplan names its tools): re-indexed in the same batch when these change."""
        return []

    def key(self, obj):
        return document_key(obj)

    def governing_page(self, obj):
        """The page whose view restrictions decide who may find `obj` (None: not a page).

        Indexing applies the restrictions itself, so an adapter never has to remember them;
        for a part of a page it is the page `page_field` names.
        """
        from wagtail.models import Page

        if self.page_field:
            return getattr(obj, self.page_field)
        return obj if isinstance(obj, Page) else None


def document_key(obj):
    """Stable id of a document: app_label.model:pk (pages use their specific class)."""
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}:{obj.pk}"


def register(adapter):
    _adapters[adapter.model] = adapter
    _follow()
    return adapter


def adapter_for(model):
    """The adapter for a model or any of its registered base classes."""
    for klass in model.__mro__:
        if klass in _adapters:
            return _adapters[klass]
    return None


def adapters():
    return list(_adapters.values())


def registered_models():
    return list(_adapters)


def unregister(model):
    """Forget the adapter for `model` (tests that register a temporary adapter)."""
    adapter = _adapters.pop(model, None)
    _follow()
    return adapter


def _follow():
    """Signals reach search for the registered models only (search.signals)."""
    from .signals import follow_registry

    follow_registry()
