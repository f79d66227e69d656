"""Public pages from the shared cache, purged exactly when anything they show changes.

Key concepts: only anonymous requests (no session or messages cookie) are answered from the
cache, and only their plain 200 responses are stored (no Set-Cookie, no CSRF form such as a
page's password form, no login redirect of a restricted page, nothing its view marked
`private`, `no-cache` or `no-store`, nothing that varies on a session the request carries). Logged-in visitors never read or
fill it. Every key contains a site-wide *generation token*; any saved or deleted content object,
m2m change, page publish/unpublish/move or view-restriction change replaces the token, once at
once and once after the transaction commits. A page rendered before the commit was stored under
an older token and is never served again, so no stale page survives a change (the expiry
`PAGE_CACHE_SECONDS` only bounds memory). The token lives in the shared cache (Redis); with the
per-process local-memory cache it lives in a file under VAR_DIR, so all workers on the machine
see one token. Search (`/suche/`) is not cached: its index is written in its own commit hook.
If the cache fails (Redis down), pages are rendered as usual.
"""

import hashlib
import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils.cache import (
    cc_delim_re,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from .aftercommit import CommitBatch

logger = logging.getLogger("werkstatt.cache")  # rate-limited in LOGGING

GENERATION_KEY = "pagecache:generation"
STATUS_HEADER = "X-Werkstatt-Cache"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _shared():
    """True when the cache is one store for every process (not Django's local-memory cache)."""
    return not _cache().__class__.__name__.startswith("LocMem")


def _token_file():
    return Path(settings.PAGE_CACHE_TOKEN_FILE)


def current_token():
    """The generation token; a new one is made when none exists (first start, Redis restart)."""
    if _shared():
        token = _cache().get(GENERATION_KEY)
        if token is None:
            token = uuid.uuid4().hex
            if not _cache().add(GENERATION_KEY, token, None):
                token = _cache().get(GENERATION_KEY)
        return token
    try:
        return _token_file().read_text()
    except FileNotFoundError:
        return _write_token_file()


def _write_token_file():
    token = uuid.uuid4().hex
    path = _token_file()
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(token)
    os.replace(temporary, path)  # atomic: readers see the old or the new token, never half
    return token


# How often this process renewed the token; werkstatt.generation re-reads it after a renewal.
renewals = 0


def new_generation():
    global renewals
    renewals += 1
    try:
        if _shared():
            _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
        else:
            _write_token_file()
    except Exception:  # the cache is down: pages still work; entries expire on their own
        logger.exception("Seiten-Cache: Generation konnte nicht erneuert werden")


# Whether this process stored a page since it last renewed the token: only such a page can
# show a change not yet committed (others cannot see it before the commit hook renews again).
_stored_since_renewal = True


def _renew():
    global _stored_since_renewal
    _stored_since_renewal = False
    new_generation()


_renewals = CommitBatch(lambda items: _renew())


def note_stored():
    """Something was kept under the current token (a page, a fragment): a change inside this
    process's transaction must then renew the token at once, not only after the commit."""
    global _stored_since_renewal
    _stored_since_renewal = True


def purge(**kwargs):
    """Invalidate every cached page: now, and again when the current transaction commits.

    Once per transaction, however many changes it makes (a catalogue import saves thousands of
    rows): the token is renewed now only if this process stored a page since its last renewal,
    and once after the commit (`werkstatt.aftercommit.CommitBatch`, public Django API only).
    """
    if transaction.get_autocommit():  # no transaction: the change is committed already
        _renew()
        return
    if _stored_since_renewal:
        _renew()
    _renewals.add()


# --- signal wiring -------------------------------------------------------------------------

# Wagtail bookkeeping that never changes what a public page shows (written on every save).
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.uploadedfile",
    # A rendition is made by the first page that shows an image in that size; the image's own
    # save or delete purges. Purging here made every first view of such a page a purge.
    "wagtailimages.rendition",
}


def _shows(model):
    label = model._meta.label_lower
    return model._meta.app_label in settings.PAGE_CACHE_CONTENT_APPS and label not in IGNORED_MODELS


def _on_change(sender, raw=False, **kwargs):
    if not raw and _shows(sender):
        purge()


def _on_m2m(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and (
        _shows(type(instance)) or _shows(sender)
    ):
        purge()


def connect():
    """Called from WerkstattConfig.ready(): every content change purges the page cache."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="pagecache-m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge, dispatch_uid=f"pagecache-{id(signal)}")


# --- middleware ----------------------------------------------------------------------------


def _anonymous_request(request):
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _request_cacheable(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
        and _anonymous_request(request)
    )


# A view that sends one of these says its answer is not for a shared cache (RFC 9111 5.2.2).
UNSHARED_DIRECTIVES = {"private", "no-cache", "no-store"}


def _cache_directives(response):
    """The directive names of the response's Cache-Control header, lower case."""
    header = response.get("Cache-Control", "")
    return {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(header) if part}


def _uses_session(request, response):
    """The answer varies on the Cookie header and the request has a session with data in it."""
    session = getattr(request, "session", None)
    return has_vary_header(response, "Cookie") and session is not None and not session.is_empty()


def _response_cacheable(request, response):
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form with a CSRF token (get_token)
        and not (user is not None and user.is_authenticated)
        and not (_cache_directives(response) & UNSHARED_DIRECTIVES)
        and not _uses_session(request, response)
    )


def _key(request, token):
    digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"pagecache:page:{token}:{request.get_host()}:{digest}"


class PageCacheMiddleware:
    """Serve anonymous GETs from the cache; store what may be shared; mark the rest private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_cacheable(request):
            return self._uncached(request, self.get_response(request))
        try:
            token = current_token()
            request._werkstatt_generation = (renewals, token)  # werkstatt.generation reads it
            cached = _cache().get(_key(request, token)) if token else None
        except Exception:
            logger.warning("Seiten-Cache nicht erreichbar", exc_info=True)
            token = None
        if token is None:  # no cache to talk to: render as if there were none
            return self._uncached(request, self.get_response(request))
        if cached is not None:
            cached[STATUS_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if not _response_cacheable(request, response):
            return self._uncached(request, response)
        if "Cache-Control" not in response:
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
        set_response_etag(response)
        note_stored()
        try:
            _cache().set(_key(request, token), response, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Seite konnte nicht im Cache abgelegt werden", exc_info=True)
        response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def _uncached(request, response):
        """Nothing a signed-in visitor sees may be kept by a shared cache on the way."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        elif "Cache-Control" not in response and request.method in ("GET", "HEAD"):
            patch_cache_control(response, private=True, no_cache=True)
        response[STATUS_HEADER] = "skip"
        return response
