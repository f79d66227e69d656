"""Drift between what the content is now, the projection, and a backend's index (check_search).

Key concepts: three key -> fingerprint maps. `expected` from the adapters now (what a rebuild
would write), `projection` from `SearchDocument`, `indexed` from the backend. A key can be
missing (should be there, is not), stale (there, but with other content) or orphaned (there,
but should not be: deleted, unpublished or hidden). `repair()` (check_search --repair)
re-sends exactly those documents per backend instead of rebuilding everything.
"""

from dataclasses import dataclass, field

from .backends import active_backend_name, get_backend
from .contract import MEMBERS, PUBLIC
from .indexing import fingerprint, iter_documents
from .models import SearchDocument
from .registry import adapter_for
from .restrictions import Restrictions


@dataclass
class Drift:
    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    orphaned: list = field(default_factory=list)
    # in the index for a wider audience than the page's view restriction allows (a leak)
    restricted: list = field(default_factory=list)

    @property
    def clean(self):
        return not (self.missing or self.stale or self.orphaned or self.restricted)


def compare(expected: dict, actual: dict) -> Drift:
    return Drift(
        missing=sorted(set(expected) - set(actual)),
        stale=sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k]),
        orphaned=sorted(set(actual) - set(expected)),
    )


def _names(backend_name):
    names = ["database"]
    name = backend_name or active_backend_name()
    if name != "database":
        names.append(name)
    return names


def backend_drift(name):
    """Drift of backend `name` against the projection (what it should hold)."""
    backend = get_backend(name)
    wanted = {
        row.key: backend.fingerprint(row.to_data())
        for row in SearchDocument.objects.order_by("pk").iterator(chunk_size=1000)
    }
    return compare(wanted, backend.indexed_keys())


def check(backend_name=None, progress=None):
    """{"projection": Drift (adapters vs projection), "<backend>": Drift (projection vs index)}."""
    expected = {data.key: fingerprint(data) for data in iter_documents(progress)}
    projection = dict(SearchDocument.objects.values_list("key", "fingerprint"))
    result = {"projection": compare(expected, projection)}
    result["projection"].restricted = restricted_keys()
    for name in _names(backend_name):
        result[name] = backend_drift(name)
    return result


def restricted_keys():
    """Projection keys shown to a wider audience than their page's view restriction allows."""
    from django.apps import apps

    restrictions = Restrictions()
    if not restrictions:
        return []
    by_label = {}
    for key, visibility in SearchDocument.objects.values_list("key", "visibility"):
        label, _sep, pk = key.partition(":")
        by_label.setdefault(label, {})[pk] = (key, visibility)
    leaks = []
    for label, rows in by_label.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        adapter = adapter_for(model)
        if adapter is None:
            continue
        for obj in model._default_manager.filter(pk__in=list(rows)):
            key, visibility = rows[str(obj.pk)]
            audience = restrictions.audience(adapter.governing_page(obj))
            if audience is None or (audience == MEMBERS and visibility == PUBLIC):
                leaks.append(key)
    return sorted(leaks)


def repair(backend_name=None, progress=None):
    """Fix only what drifted: first the projection from the adapters, then each backend from
    the projection (missing and stale documents re-sent, orphaned ones deleted). Returns the
    drift that was repaired, by the same names as `check`."""
    expected = {data.key: data for data in iter_documents(progress)}
    projection = dict(SearchDocument.objects.values_list("key", "fingerprint"))
    fixed = {"projection": compare({k: fingerprint(d) for k, d in expected.items()}, projection)}
    drift = fixed["projection"]
    database = get_backend("database")
    if drift.missing or drift.stale:
        database.index([expected[key] for key in drift.missing + drift.stale])
    if drift.orphaned:
        database.delete(drift.orphaned)
    for name in _names(backend_name):
        fixed[name] = repair_backend(name)
    return fixed


def repair_backend(name):
    """Re-send the projection's missing and stale documents to backend `name`, delete orphans."""
    drift = backend_drift(name)
    backend = get_backend(name)
    keys = drift.missing + drift.stale
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        backend.index([row.to_data() for row in SearchDocument.objects.filter(key__in=chunk)])
    if drift.orphaned:
        backend.delete(drift.orphaned)
    return drift
