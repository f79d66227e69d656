"""Security headers Django 5.2 does not set itself (CSP, Permissions-Policy); the site lookup."""

from django.conf import settings
from wagtail.models import Site

from .generation import memo


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
    """Wagtail's site for the request's host and port, looked up once per content generation.

    Wagtail looks the site up with one query on every request (`Site.find_for_request`), and
    routing then loads the site's root page as its specific type with another. Both are
    content: kept here with the root page's specific instance (saving or deleting a site or
    publishing the home page renews the generation). After CommonMiddleware, which has checked
    the host against ALLOWED_HOSTS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = memo(
            request, "site", (request.get_host(), request.get_port()), lambda: _site(request)
        )
        return self.get_response(request)


def _site(request):
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page.specific  # noqa: B018 (Wagtail caches it on the instance kept here)
    return site
