"""Values and fragments computed once per content version for all processes, with a near cache.

Key concepts: `cached(request, name, key, compute)` returns compute()'s value, kept in Django's
cache under the content version (`werkstatt.contentversion`), so every process reads what one
computed and a change made by any process renews it for all. Values are ids, text and HTML,
never model objects (`key` and value must pickle). In front sits a per-process near cache of
the same entries, valid for one version only: the version is read once per request from the
shared cache and the near cache is emptied when it moved, so a hit there costs a dictionary
lookup and no round trip. A value that depends on who is looking carries what it depends on in
`key` (the viewer's blocked paths, never the user). Without a version (cache down) nothing is
kept; NEAR_CACHE_ENTRIES = 0 switches the near cache off.
"""

import hashlib
import logging
from collections import OrderedDict

from django.conf import settings

from . import contentversion

logger = logging.getLogger("werkstatt.cache")

_near = OrderedDict()  # (name, key) -> value, of one version, oldest first
_near_version = None


def version(request):
    """The content version this request works with: read once per request, and again after
    this process renewed it (a request that changes content sees its own change)."""
    renewals, found = getattr(request, "_werkstatt_version", (None, None))  # see use_version
    if request is None or renewals != contentversion.renewals:
        renewals = contentversion.renewals
        try:
            found = contentversion.current()
        except Exception:  # the cache is down: compute everything as if nothing were kept
            logger.warning("Cache nicht erreichbar", exc_info=True)
            found = None
        if request is not None:
            request._werkstatt_version = (renewals, found)
    return found


def host_key(request):
    """The host and port the request names, as Wagtail's site lookup reads them (without the
    ALLOWED_HOSTS check, which CommonMiddleware did for served requests; an in-process request
    such as the search warm-up has none)."""
    meta = request.META
    return (meta.get("HTTP_HOST") or meta.get("SERVER_NAME"), request.get_port())


def use_version(request, found):
    """Let `request` work with the version `found` (read by the page cache with its page)."""
    request._werkstatt_version = (contentversion.renewals, found)


def _near_valid(current):
    """Empty the near cache if the content version moved on; False when it is switched off."""
    global _near_version
    if current != _near_version:
        _near.clear()
        _near_version = current
    return settings.NEAR_CACHE_ENTRIES > 0


def _shared_key(current, name, key):
    digest = hashlib.sha1(repr((name, key)).encode(), usedforsecurity=False).hexdigest()
    return f"content:{current}:{digest}"


MISSING = object()


def cached(request, name, key, compute, keep=lambda value: True, shared=True):
    """compute(), kept for every process under the content version and (name, key); a value
    for which keep(value) is false is returned but not kept. shared=False: in this process's
    near cache only (for the one model object that measurably pays, Wagtail's site)."""
    current = version(request)
    if current is None:
        return compute()
    near = _near_valid(current)
    value = _near.get((name, key), MISSING) if near else MISSING
    if value is not MISSING:
        return value
    store = contentversion.cache()
    value = store.get(_shared_key(current, name, key), MISSING) if shared else MISSING
    if value is MISSING:
        value = compute()
        if not keep(value) or version(request) != current:
            return value  # the version moved on while computing: the value may be old
        contentversion.note_stored()
        if shared:
            store.set(_shared_key(current, name, key), value, settings.CONTENT_CACHE_SECONDS)
    if near and _near_valid(current):
        _near[(name, key)] = value
        while len(_near) > settings.NEAR_CACHE_ENTRIES:
            _near.popitem(last=False)
    return value


def near(name):
    """The keys this process holds in its near cache under `name` now (tests and diagnosis)."""
    return [key for entry_name, key in _near if entry_name == name]


def clear_near():
    """Forget this process's near cache (tests: the next lookup goes to the shared cache)."""
    global _near_version
    _near.clear()
    _near_version = None
