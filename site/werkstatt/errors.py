"""Error pages: a styled 404 in every environment, a 503 when the database is unreachable.

A database that is down or restarting answers 503 (try again), not 500. Django calls
`server_error` (handler500) inside the `except` of the failed request, so the exception is
still at hand. The 503 page is rendered without a request context: context processors read the
database (navigation, site settings), which is exactly what failed.

With DEBUG, Django answers a missing page with its technical debug page, which the CSP leaves
unstyled and which testers on the dev server mistook for the real site. Pages raise Http404 in
their views (Wagtail serves nearly every path), so answering it in `NotFoundPageMiddleware`
shows 404.html everywhere; production gets the same page from Django's handler404. Below
/api/ the 404 is JSON (`{"fehler": ...}`, as the OpenAPI document describes every 404), also
for an address no endpoint matches, e.g. an id beyond what a database column holds.
"""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

from .storage import MediaWriteError

RETRY_AFTER_SECONDS = 30
UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(error):
    """True for errors that mean 'no connection', not for bad queries (those stay 500)."""
    while error is not None:
        if isinstance(error, UNAVAILABLE):
            return True
        if isinstance(error, DatabaseError):
            return False
        error = error.__cause__ or error.__context__
    return False


def unavailable_response(request=None):
    if request is not None and request.path.startswith("/api/"):
        message = _("Die Datenbank antwortet gerade nicht; bitte gleich noch einmal versuchen.")
        response = JsonResponse(
            {"error": {"status": 503, "message": str(message)}},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        html = loader.get_template("503.html").render({})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    if database_unavailable(sys.exc_info()[1]):
        return unavailable_response(request)
    try:
        return django_server_error(request, template_name)
    except Exception:  # the 500 template itself failed: plain text, never a second traceback
        return HttpResponseServerError("Serverfehler", content_type="text/plain; charset=utf-8")


def api_not_found(request):
    """A JSON 404 for every /api/ address no endpoint has (also the routes' id overflow)."""
    response = JsonResponse(
        {"fehler": _("Diese Adresse gibt es nicht.")},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


class NotFoundPageMiddleware:
    """Render 404.html (with search box) for Http404, independent of DEBUG."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            if request.path.startswith("/api/"):
                return api_not_found(request)
            return defaults.page_not_found(request, exception)
        return None


class MediaWriteErrorMiddleware:
    """A media file that could not be written (full or read-only disk): a German 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, MediaWriteError):
            return None
        html = loader.get_template("werkstatt/write_failed.html").render(
            {"message": exception.strerror}, request
        )
        return HttpResponse(html, status=503)
