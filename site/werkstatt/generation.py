"""Values and fragments computed once per content generation, kept in the worker process.

Key concepts: what many pages read and only an edit changes (site settings, view restrictions,
navigation, vocabularies, facet labels, rendered content fragments) is kept per *content
generation*: the page cache's token (`werkstatt.pagecache`), which every publish, unpublish,
move, snippet save, restriction change and visibility change renews. `memo(request, name, key,
compute)` returns compute()'s value, computed at most once per process and generation. The
token is read once per request, before anything is computed, so a value is never kept under a
token newer than the data it came from. A value that depends on who is looking carries what it
depends on in `key` (the blocked paths of the viewer, never the user): members and the public
then never share an entry unless they would see the same thing. Without a token (cache down)
or with FRAGMENT_CACHE_ENTRIES = 0 nothing is kept. Per process, not in Redis: a hit costs a
dictionary lookup, no network round trip and no unpickling.
"""

import logging
from collections import OrderedDict

from django.conf import settings

from . import pagecache

logger = logging.getLogger("werkstatt.cache")

_entries = OrderedDict()  # (name, key) -> value, all of one generation, least recently used first
_generation = None  # the token the entries belong to


def token(request):
    """The generation token this request works with: read once per request, and again after
    this process renewed it (a request that changes content sees its own change)."""
    if request is None:
        return _read_token()
    renewals, found = getattr(request, "_werkstatt_generation", (None, None))
    if renewals != pagecache.renewals:
        renewals, found = pagecache.renewals, _read_token()
        request._werkstatt_generation = (renewals, found)
    return found


def _read_token():
    try:
        return pagecache.current_token()
    except Exception:  # the cache is down: compute everything as if there were no memo
        logger.warning("Seiten-Cache nicht erreichbar", exc_info=True)
        return None


MISSING = object()


def begin(request):
    """The generation this request looks up and keeps values under (None: keep nothing)."""
    global _generation
    if settings.FRAGMENT_CACHE_ENTRIES <= 0:
        return None
    current = token(request)
    if current is not None and current != _generation:
        _entries.clear()
        _generation = current
    return current


def lookup(generation, name, key):
    """The value kept under (name, key) in `generation`, or MISSING."""
    if generation is None or generation != _generation:
        return MISSING
    try:  # one lookup that a clear() by another thread (development server) cannot split
        value = _entries[(name, key)]
        _entries.move_to_end((name, key))
    except KeyError:
        return MISSING
    return value


def keep(request, generation, name, key, value):
    """Keep `value`, computed after `generation` was read, unless the generation has moved on
    meanwhile (a change in this process, another thread's commit): then it may be stale."""
    if generation is None or begin(request) != generation:
        return
    pagecache.note_stored()  # a change inside this process's transaction renews the token now
    _entries[(name, key)] = value
    while len(_entries) > settings.FRAGMENT_CACHE_ENTRIES:
        _entries.popitem(last=False)


def memo(request, name, key, compute):
    """compute(), kept for this process and content generation under (name, key)."""
    generation = begin(request)
    value = lookup(generation, name, key)
    if value is MISSING:
        value = compute()
        keep(request, generation, name, key, value)
    return value


def kept(name):
    """The keys kept under `name` in this process now (tests and diagnosis)."""
    return [key for entry_name, key in _entries if entry_name == name]


def clear():
    """Forget everything kept in this process (tests; the next request computes anew)."""
    global _generation
    _entries.clear()
    _generation = None
