"""The site's own 404 page in every environment, also with DEBUG on.

With DEBUG, Django answers a missing page with its technical debug page, which the CSP leaves
unstyled and which testers on the dev server mistook for the real site. Pages raise Http404 in
their views (Wagtail serves nearly every path), so answering it here shows 404.html everywhere;
production gets the same page from Django's handler404. Tracebacks of real errors (500) stay
Django's debug page with DEBUG on; 500.html is a self-contained page for production.
"""

from django.http import Http404
from django.views import defaults


class NotFoundPageMiddleware:
    """Render 404.html (with search box) for Http404, independent of DEBUG."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return defaults.page_not_found(request, exception)
        return None
