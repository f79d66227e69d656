"""Turning adapters' `IndexDocument`s into projection rows and keeping them current.

Key concepts: `to_document_data()` is the one conversion (regions gain every ancestor code,
the region label and the action-field colour class are fixed here). `schedule(obj)` queues a
re-index for after the current transaction commits (tags on clusterable pages are saved after
the page, so only then is the object complete); the callback reloads the object, asks its
adapter again and writes the projection (database backend) and, if another backend is active,
queues the keys for it (search.queue). Failures are logged, never raised: publishing must not
fail because of search.
"""

import hashlib
import json
import logging

from django.apps import apps
from django.db import transaction

from werkstatt.aftercommit import CommitBatch

from .backends import active_backend_name, get_backend
from .backends.base import DocumentData
from .contract import DAY, FACETS, KINDS, MEMBERS, PUBLIC, YEAR
from .registry import IndexDocument, adapter_for, adapters
from .restrictions import Restrictions

logger = logging.getLogger("search")
NAMED = ("handlungsfeld", "zielgruppe")  # facets whose values are slugs of named things


class RegionInfo:
    """Region code -> (codes from the Land down to it, label), and the names of action fields
    and target groups, cached for one batch."""

    def __init__(self, preload=False):
        self._cache = {}
        self._names = {}
        if preload:
            self._load(None)

    def name(self, facet, value):
        """The display name of an action field or target group slug (the slug if unknown)."""
        if facet not in self._names:
            from taxonomy.models import ActionField, TargetGroup

            model = {"handlungsfeld": ActionField, "zielgruppe": TargetGroup}[facet]
            self._names[facet] = dict(model.objects.values_list("slug", "name"))
        return self._names[facet].get(value, value)

    def _load(self, codes):
        from taxonomy.models import Region

        fields = ("code", "name", "level", "kind", "parent_id")
        qs = Region.objects.only(*fields)
        if codes is not None:
            # Ancestors' codes are prefixes of the code: one query fetches the whole chain.
            prefixes = {c[:n] for c in codes for n in range(2, len(c))}
            qs = qs.filter(code__in=set(codes) | prefixes)
        by_id = {r.pk: r for r in qs}
        missing = {r.parent_id for r in by_id.values() if r.parent_id and r.parent_id not in by_id}
        while missing:  # a parent whose code is not a prefix (never in the official data)
            found = {r.pk: r for r in Region.objects.only(*fields).filter(pk__in=missing)}
            by_id.update(found)
            missing = {
                r.parent_id for r in found.values() if r.parent_id and r.parent_id not in by_id
            }
        for region in by_id.values():
            chain, node = [], region
            while node is not None:
                chain.append(node.code)
                node = by_id.get(node.parent_id) if node.parent_id else None
            self._cache[region.code] = (list(reversed(chain)), region.label)
        for code in codes or ():
            self._cache.setdefault(code, None)

    def get(self, code):
        if code not in self._cache:
            self._load([code])
        return self._cache.get(code)


def to_document_data(key, doc: IndexDocument, regions=None) -> DocumentData:
    """The backend-neutral document: facet values cleaned, regions with all their ancestors."""
    if doc.kind not in KINDS:
        raise ValueError(f"{key}: unbekannte Art {doc.kind!r}")
    regions = regions or RegionInfo()
    facets = {}
    for name, values in (doc.facets or {}).items():
        if name not in FACETS or name == "art":
            continue
        cleaned = []
        for value in values or []:
            value = str(value).strip()
            if value and value not in cleaned:
                cleaned.append(value)
        if cleaned:
            facets[name] = cleaned
    region_label = ""
    if "region" in facets:
        expanded = []
        for code in facets["region"]:
            info = regions.get(code)
            if info is None:
                logger.warning("search: %s nennt unbekannte Region %s", key, code)
                continue
            if not region_label:
                region_label = info[1]
            for ancestor in info[0]:
                if ancestor not in expanded:
                    expanded.append(ancestor)
        if expanded:
            facets["region"] = expanded
        else:
            del facets["region"]
    facets["art"] = [doc.kind]
    fields = facets.get("handlungsfeld", [])
    keywords = [regions.name(facet, v) for facet in NAMED for v in facets.get(facet, [])]
    keywords += facets.get("schlagwort", [])
    keywords += [info[1] for info in map(regions.get, facets.get("region", [])) if info]
    return DocumentData(
        key=key,
        kind=doc.kind,
        title=(doc.title or "").strip()[:500],
        url=doc.url or "",
        summary=doc.summary or "",
        body=doc.body or "",
        keywords=" · ".join(dict.fromkeys(keywords)),
        date=doc.date,
        date_precision=YEAR if doc.date and doc.date_precision == YEAR else DAY,
        visibility=MEMBERS if doc.visibility == MEMBERS else PUBLIC,
        region_label=region_label[:200],
        action_field_colour=fields[0] if fields else "",
        facets=facets,
    )


def fingerprint(data: DocumentData) -> str:
    """A hash of everything a backend indexes, so check_search can tell stale from current."""
    payload = {
        "kind": data.kind,
        "title": data.title,
        "url": data.url,
        "summary": data.summary,
        "body": data.body,
        "keywords": data.keywords,
        "date": data.date.isoformat() if data.date else None,
        "visibility": data.visibility,
        "region_label": data.region_label,
        "action_field_colour": data.action_field_colour,
        "facets": {k: sorted(v) for k, v in sorted(data.facets.items())},
    }
    if data.date_precision != DAY:  # only then, so fingerprints of day-exact documents stay
        payload["date_precision"] = data.date_precision
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()


def _is_unpublished_page(obj):
    from wagtail.models import Page

    return isinstance(obj, Page) and not obj.live


def document_for(obj, regions=None, restrictions=None):
    """(key, DocumentData or None) for an object of a registered model; None = not findable.

    View restrictions are applied here, for every adapter: a members-only page becomes a
    MEMBERS document, a page behind a password or other groups no document at all.
    """
    adapter = adapter_for(type(obj))
    if adapter is None:
        return None, None
    key = adapter.key(obj)
    if _is_unpublished_page(obj):
        return key, None
    if restrictions is None:  # (an empty Restrictions is falsy: `or` reloaded it per object)
        restrictions = Restrictions()
    audience = restrictions.audience(adapter.governing_page(obj))
    if audience is None:
        return key, None
    doc = adapter.to_document(obj)
    if doc is None:
        return key, None
    if audience == MEMBERS:
        doc.visibility = MEMBERS
    return key, to_document_data(key, doc, regions)


def index_object(obj):
    """Write (or remove) one object's document in the projection and the active backend now
    (attached files read now too)."""
    from .attachments import reading_now

    with reading_now():
        key, data = document_for(obj)
    if key is None:
        return None
    apply_documents([data] if data else [], [] if data else [key])
    return data


def apply_documents(datas, gone):
    """Write `datas` and remove the documents keyed `gone`, in the projection and the backend."""
    if datas:
        write_documents(datas)
    if gone:
        remove_keys(gone)


def write_documents(datas):
    """Projection first (source of truth), then queue the keys for the active cluster."""
    datas = list(datas)
    get_backend("database").index(datas)
    _mirror([data.key for data in datas])


def remove_keys(keys):
    keys = list(keys)
    get_backend("database").delete(keys)
    _mirror(keys)


DELETED, PENDING = "gelöscht", "ausstehend"


def forget(keys):
    """Remove documents for good (erasure); returns what each backend confirmed.

    {"database": "gelöscht"} always (same transaction as the caller), plus the active other
    backend: "gelöscht" once it confirmed a delete with refresh, "ausstehend" if it did not
    answer (`check_search` then still reports the document).
    """
    keys = list(keys)
    get_backend("database").delete(keys)
    outcome = {"database": DELETED}
    name = active_backend_name()
    if name != "database":
        confirmed = getattr(get_backend(name), "delete_confirmed", None)
        outcome[name] = DELETED if confirmed is not None and confirmed(keys) else PENDING
    return outcome


def forget_words(text):
    """Erasure: the words of `text` (a name) leave the „Meinten Sie“ vocabulary unless some
    document still contains them. Call after the pages that named the person are re-indexed."""
    from .suggest import prune

    prune(text)


def compact():
    """Let the database's text index drop what deleted documents left behind (SQLite FTS5)."""
    get_backend("database").compact()


def _mirror(keys):
    """The cluster learns of changes through the outbox (search.queue), never inside the
    request: a hung cluster cannot delay publishing, and a failed write is retried."""
    from .queue import enqueue

    enqueue(keys)


# --- after-commit scheduling ---------------------------------------------------------------


def schedule(obj):
    """Re-index `obj` once the current transaction commits.

    All objects scheduled in one transaction are re-indexed together (one query per model, one
    write to the projection and the backend), so a bulk import of a thousand pages costs one
    batch, not a thousand single writes (`werkstatt.aftercommit.CommitBatch`: public Django API
    only). A rollback that drops all hooks of a batch drops the batch; a hook that survives a
    partial rollback re-indexes at worst an object whose change was undone (harmless: the
    re-index reads the rows as they are).
    """
    adapter = adapter_for(type(obj))
    if adapter is None or obj.pk is None:
        return
    item = {(obj._meta.label, obj.pk): adapter.key(obj)}
    batches.add(item)


def reindex_batch(items):
    """The commit hook: reload every object, ask its adapter, write all; log instead of raising.

    `items` maps (model label, pk) -> document key.
    """
    by_label = {}
    for (label, pk), key in items.items():
        by_label.setdefault(label, {})[pk] = key
    for label, keys in list(by_label.items()):
        try:  # documents that show part of these objects (a plan names its tools) follow them
            for other in adapter_for(apps.get_model(label)).dependents(list(keys)):
                other_keys = by_label.setdefault(other._meta.label, {})
                other_keys.setdefault(other.pk, adapter_for(type(other)).key(other))
        except Exception:
            logger.exception("search: Abhängige von %s nicht gefunden", label)
    regions = RegionInfo()
    restrictions = Restrictions()
    datas, gone = [], []
    for label, keys in by_label.items():
        try:
            model = apps.get_model(label)
            found = adapter_for(model).batch_queryset(model).in_bulk(list(keys))
        except Exception:
            logger.exception("search: Laden von %s fehlgeschlagen", label)
            continue
        for pk, key in keys.items():
            obj = found.get(pk)
            if obj is None:
                gone.append(key)
                continue
            try:
                doc_key, data = document_for(obj, regions, restrictions)
            except Exception:
                logger.exception("search: Indexieren von %s fehlgeschlagen", key)
                continue
            if data is None:
                gone.append(doc_key or key)
            else:
                datas.append(data)
    try:
        apply_documents(datas, gone)
    except Exception:
        logger.exception(
            "search: Schreiben von %s Dokumenten fehlgeschlagen", len(datas) + len(gone)
        )


batches = CommitBatch(reindex_batch)  # what schedule() queued, written once per commit


def schedule_delete(obj):
    adapter = adapter_for(type(obj))
    if adapter is None or obj.pk is None:
        return
    key = adapter.key(obj)

    def remove():
        try:
            remove_keys([key])
        except Exception:
            logger.exception("search: Entfernen von %s fehlgeschlagen", key)

    transaction.on_commit(remove)


# --- everything at once --------------------------------------------------------------------


def iter_documents(progress=None):
    """Every document the adapters produce now (skipping what must not be findable; attached
    files not read yet are read now: a rebuild or check is a command, not a request)."""
    from .attachments import reading_now

    regions = RegionInfo(preload=True)
    restrictions = Restrictions()
    for adapter in adapters():
        queryset = adapter.get_queryset()
        for obj in queryset.iterator(chunk_size=500):
            with reading_now():
                key, data = document_for(obj, regions, restrictions)
            if progress is not None:
                progress.update(1)
            if data is not None:
                yield data


def count_objects():
    return sum(adapter.get_queryset().count() for adapter in adapters())


def rebuild(backend_name=None, progress=None):
    """Rebuild the projection from the adapters, then `backend_name` (default: the active one)
    from the projection. Returns {kind: count}."""
    datas = list(iter_documents(progress))
    get_backend("database").rebuild(datas)
    name = backend_name or active_backend_name()
    if name != "database":
        get_backend(name).rebuild(datas)
        # Catch-up: what was published while the new index filled went to the old one (the
        # alias still pointed there); one repair pass re-sends exactly that to the new index.
        from .drift import repair_backend

        repair_backend(name)
    counts = {}
    for data in datas:
        counts[data.kind] = counts.get(data.kind, 0) + 1
    return counts
