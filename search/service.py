"""What views call: search (and autocomplete) on the active backend, the database if it fails.

Key concepts: the active backend comes from settings (`search.backends.active_backend_name`).
If it is not the database and raises (Elasticsearch down, timeout), the database backend
answers, the response names it (`backend`) and carries a German `notice`, and the failure is
logged and counted by the backend's circuit breaker (search.breaker): while it is open the
database answers at once, without waiting for a timeout. The database backend's own errors
are not hidden.
"""

import logging

from django.utils.translation import gettext as _

from .backends import active_backend_name, get_backend
from .contract import PUBLIC, SearchRequest, SearchResponse

logger = logging.getLogger("search")

FALLBACK_NOTICE = _(
    "Die Volltextsuche ist gerade nicht erreichbar; die Ergebnisse kommen aus der "
    "Datenbanksuche und können etwas weniger genau sein."
)


def _cluster(name):
    """The backend for `name` if a call may go to it now (its breaker is not open), else None."""
    backend = get_backend(name)
    breaker = getattr(backend, "breaker", None)
    if breaker is not None and not breaker.allow():
        return None
    return backend


def _failed(backend, what):
    breaker = getattr(backend, "breaker", None)
    if breaker is not None:
        breaker.failure()
    logger.exception("search: %s von %s fehlgeschlagen, nehme die Datenbank", what, backend.name)


def _succeeded(backend):
    breaker = getattr(backend, "breaker", None)
    if breaker is not None:
        breaker.success()


def search_with_fallback(request: SearchRequest) -> SearchResponse:
    name = active_backend_name()
    if name != "database":
        backend = _cluster(name)
        if backend is not None:
            try:
                response = backend.search(request)
            except Exception:
                _failed(backend, "Suche")
            else:
                _succeeded(backend)
                return response
        response = get_backend("database").search(request)
        response.notice = str(FALLBACK_NOTICE)
        return response
    return get_backend("database").search(request)


def autocomplete_with_fallback(prefix: str, viewer: str = PUBLIC, limit: int = 8) -> list[str]:
    name = active_backend_name()
    if name != "database":
        backend = _cluster(name)
        if backend is not None:
            try:
                suggestions = backend.autocomplete(prefix, viewer=viewer, limit=limit)
            except Exception:
                _failed(backend, "Vorschläge")
            else:
                _succeeded(backend)
                return suggestions
    return get_backend("database").autocomplete(prefix, viewer=viewer, limit=limit)
