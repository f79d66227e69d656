"""Security headers Django 5.2 does not set itself (CSP, Permissions-Policy)."""

from django.conf import settings


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
