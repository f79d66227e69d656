"""/healthz for monitoring: database, cache, search backend with breaker state, queue length.

JSON, never cached. 200 while the site can serve pages (a failed cache or search cluster only
degrades it: `"status": "eingeschränkt"`), 503 when the database is unreachable. Public on
purpose (load balancers and uptime checks need no login), but outside callers get the status
only: the details (backends, breaker, queue) go to the addresses in
`WERKSTATT_HEALTH_DETAILS_FROM` (default this machine), by `werkstatt.client_address`.
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .client_address import client_address


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "vendor": connection.vendor}


def _cache():
    token = secrets.token_hex(8)
    try:
        cache.set("healthz", token, 10)
        ok = cache.get("healthz") == token
    except Exception:
        ok = False
    return {"ok": ok, "backend": type(cache).__name__}


def _search():
    from search.health import status

    try:
        return status()
    except Exception as error:  # the queue lives in the database
        return {"ok": False, "error": type(error).__name__}


@require_GET
def healthz(request):
    checks = {"database": _database(), "cache": _cache()}
    checks["search"] = _search() if checks["database"]["ok"] else {"ok": False}
    if not checks["database"]["ok"]:
        state, code = "ausgefallen", 503
    elif all(check["ok"] for check in checks.values()):
        state, code = "ok", 200
    else:
        state, code = "eingeschränkt", 200
    details = client_address(request) in settings.WERKSTATT_HEALTH_DETAILS_FROM
    response = JsonResponse({"status": state, **(checks if details else {})}, status=code)
    response["Cache-Control"] = "no-store"
    return response
