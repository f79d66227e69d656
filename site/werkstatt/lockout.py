"""Login lockout (django-axes): the login page itself says, in German, why the login is refused.

Key concepts: axes flags a refused login on the request and `AxesMiddleware` calls
`lockout_response` with the login view's own response. Both login pages (/anmelden/ and
Wagtail's /admin/login/) answer with a TemplateResponse whose context holds the form, so the
same page is rendered again with the lockout message as the form's error: the member keeps the
styled page, the editor Wagtail's admin login, nobody a bare 403.

Wagtail's password forms (a page's and a private collection's) go through the same lock
(`under_lockout`): a wrong password is a failed login for the credential „restriction N“, so
20 wrong guesses from one address lock that restriction for that address for 30 minutes,
during which even the right password is refused (issue 30: 100 guesses answered 200).
"""

from functools import wraps

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.forms.forms import NON_FIELD_ERRORS
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

LOCKED_STATUS = 429
RESTRICTION_PREFIX = "zugang:"  # axes' username for a view restriction's password form


def cooloff_minutes():
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_message(credentials=None):
    minutes = cooloff_minutes()
    if str((credentials or {}).get("username", "")).startswith(RESTRICTION_PREFIX):
        return ngettext(
            "Zu viele falsche Passwörter: Diese Seite ist für Sie %(minutes)d Minute lang "
            "gesperrt, auch mit dem richtigen Passwort. Bitte versuchen Sie es später noch einmal.",
            "Zu viele falsche Passwörter: Diese Seite ist für Sie %(minutes)d Minuten lang "
            "gesperrt, auch mit dem richtigen Passwort. Bitte versuchen Sie es später noch einmal.",
            minutes,
        ) % {"minutes": minutes}
    return ngettext(
        "Zu viele fehlgeschlagene Anmeldeversuche: Die Anmeldung mit diesem Benutzernamen ist "
        "für %(minutes)d Minute gesperrt, auch mit dem richtigen Passwort. Bitte versuchen Sie "
        "es später noch einmal oder wenden Sie sich an die Redaktion.",
        "Zu viele fehlgeschlagene Anmeldeversuche: Die Anmeldung mit diesem Benutzernamen ist "
        "für %(minutes)d Minuten gesperrt, auch mit dem richtigen Passwort. Bitte versuchen Sie "
        "es später noch einmal oder wenden Sie sich an die Redaktion.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, its form carrying the lockout message (HTTP 429)."""
    message = lockout_message(credentials or getattr(request, "axes_credentials", None))
    context = getattr(original_response, "context_data", None)
    if not isinstance(original_response, TemplateResponse) or not context:
        return HttpResponse(message, status=LOCKED_STATUS, content_type="text/plain; charset=utf-8")
    form = context.get("form")
    if form is not None:  # only the lockout message, not the authentication error beside it
        form.errors.clear()
        form.errors[NON_FIELD_ERRORS] = form.error_class([message], error_class="nonfield")
    context["locked_out"] = True
    response = TemplateResponse(
        request, original_response.template_name, context, status=LOCKED_STATUS
    )
    return response.render()  # the middleware runs after the handler rendered responses


def under_lockout(kind, view):
    """Wagtail's password view `view` behind the login lock, per restriction and address."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        restriction_id = kwargs.get("page_view_restriction_id", kwargs.get("restriction_id"))
        credentials = {"username": f"{RESTRICTION_PREFIX}{kind}:{restriction_id}"}
        if request.method != "POST":
            return view(request, *args, **kwargs)
        if not AxesProxyHandler.is_allowed(request, credentials):
            # Locked: the password is not even looked at; the form again (as for a GET),
            # which AxesMiddleware turns into the lockout page.
            request.method = "GET"
            request.axes_locked_out, request.axes_credentials = True, credentials
            return view(request, *args, **kwargs)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:  # the form again: the password was wrong
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        elif response.status_code == 302:
            reset(ip=request.axes_ip_address, username=credentials["username"])
        return response

    return guarded
