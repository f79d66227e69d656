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


def _from_cluster(what, call):
    """(answer, fell_back) of `call(backend)` on the active backend when that is a cluster:
    (None, True) when its breaker is open or the call failed (logged; the breaker counts it),
    (None, False) when the database is the active backend. The caller then asks the database."""
    name = active_backend_name()
    if name == "database":
        return None, False
    backend = get_backend(name)
    if not backend.breaker.allow():
        return None, True
    try:
        return backend.breaker.call(call, backend), False
    except Exception:
        logger.exception("search: %s von %s fehlgeschlagen, nehme die Datenbank", what, name)
        return None, True


def search_with_fallback(request: SearchRequest) -> SearchResponse:
    response, fell_back = _from_cluster("Suche", lambda backend: backend.search(request))
    if response is None:
        response = get_backend("database").search(request)
        if fell_back:
            response.notice = str(FALLBACK_NOTICE)
    return response


def autocomplete_with_fallback(prefix: str, viewer: str = PUBLIC, limit: int = 8) -> list[str]:
    def ask(backend):
        return backend.autocomplete(prefix, viewer=viewer, limit=limit)

    suggestions, _fell_back = _from_cluster("Vorschläge", ask)
    return ask(get_backend("database")) if suggestions is None else suggestions
