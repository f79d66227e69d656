"""Public pages from the shared cache, never older than the content version.

Key concepts: only anonymous requests (no session or messages cookie) are answered from the
cache, and only their plain 200 responses are stored (no Set-Cookie, no CSRF form such as a
page's password form, no login redirect of a restricted page, nothing its view marked
`private`, `no-cache` or `no-store`, nothing that varies on a session the request carries).
Logged-in visitors never read or fill it. A page is stored with the content version
(`werkstatt.contentversion`) it was rendered under and read together with the current version
in one round trip; it is served only while they match, so every change, in any process,
retires every page at once. `PAGE_CACHE_SECONDS` only bounds memory. Search (`/suche/`) is not
cached: its index is written in its own commit hook. If the cache fails (Redis down), pages
are rendered as usual.
"""

import hashlib
import logging

from django.conf import settings
from django.utils.cache import (
    cc_delim_re,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from . import contentcache, contentversion

logger = logging.getLogger("werkstatt.cache")  # rate-limited in LOGGING

STATUS_HEADER = "X-Werkstatt-Cache"


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


def _key(request):
    digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"page:{request.get_host()}:{digest}"


class PageCacheMiddleware:
    """Serve anonymous GETs from the cache; store what may be shared; mark the rest private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_cacheable(request):
            return self._uncached(request, self.get_response(request))
        cache, key = contentversion.cache(), _key(request)
        try:
            found = cache.get_many([contentversion.VERSION_KEY, key])
            version = found.get(contentversion.VERSION_KEY) or contentversion.current()
        except Exception:
            logger.warning("Seiten-Cache nicht erreichbar", exc_info=True)
            version = None
        if version is None:  # no cache to talk to: render as if there were none
            return self._uncached(request, self.get_response(request))
        contentcache.use_version(request, version)
        stored_version, cached = found.get(key, (None, None))
        if stored_version == version:
            cached[STATUS_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if not _response_cacheable(request, response):
            return self._uncached(request, response)
        if "Cache-Control" not in response:
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
        set_response_etag(response)
        contentversion.note_stored()
        try:
            cache.set(key, (version, response), settings.PAGE_CACHE_SECONDS)
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
