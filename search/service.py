"""What views call: search (and autocomplete) on the active backend, the database if it fails.

Key concepts: the active backend comes from settings (`search.backends.active_backend_name`).
If it is not the database and raises (Elasticsearch down, timeout), the database backend
answers, the response names it (`backend`) and carries a German `notice`, and the failure is
logged. The database backend's own errors are not hidden.
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


def search_with_fallback(request: SearchRequest) -> SearchResponse:
    name = active_backend_name()
    if name != "database":
        try:
            return get_backend(name).search(request)
        except Exception:
            logger.exception("search: Backend %s antwortet nicht, nehme die Datenbank", name)
            response = get_backend("database").search(request)
            response.notice = str(FALLBACK_NOTICE)
            return response
    return get_backend("database").search(request)


def autocomplete_with_fallback(prefix: str, viewer: str = PUBLIC, limit: int = 8) -> list[str]:
    name = active_backend_name()
    if name != "database":
        try:
            return get_backend(name).autocomplete(prefix, viewer=viewer, limit=limit)
        except Exception:
            logger.exception("search: Vorschläge von %s fehlgeschlagen, nehme die Datenbank", name)
    return get_backend("database").autocomplete(prefix, viewer=viewer, limit=limit)
