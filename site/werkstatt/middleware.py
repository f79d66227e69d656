"""Security headers Django 5.2 does not set itself (CSP, Permissions-Policy); the site lookup."""

from django.conf import settings
from wagtail.models import Site

from .contentcache import cached, host_key


class SecurityHeadersMiddleware:
    """Send a strict CSP on the public site and a looser one inside the Wagtail admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(("/admin/", "/django-admin/"))
        policy = settings.WERKSTATT_ADMIN_CSP if admin else settings.WERKSTATT_CSP
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()"
        )
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


class KnownSiteMiddleware:
    """Wagtail's site for the request's host, with its root page's specific instance, kept in
    this process's near cache for the current content version (never in the shared cache:
    model objects), checked against the shared version on every request.

    Measured (issue 24, in process, PostgreSQL, Redis): 2 queries and ~2-3 ms CPU of an
    uncached page (`/` 6.2-7.0 -> 4.0-4.1 ms, tool page 7.9-8.1 -> 5.8-6.1 ms). After
    CommonMiddleware, which has checked the host against ALLOWED_HOSTS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = cached(
            request, "site object", host_key(request), lambda: _site(request), shared=False
        )
        return self.get_response(request)


def _site(request):
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page.specific  # noqa: B018 (Wagtail caches it on the instance kept here)
    return site
