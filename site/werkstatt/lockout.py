"""Login lockout (django-axes): the login page itself says, in German, why the login is refused.

Key concepts: axes flags a refused login on the request and `AxesMiddleware` calls
`lockout_response` with the login view's own response. Both login pages (/anmelden/ and
Wagtail's /admin/login/) answer with a TemplateResponse whose context holds the form, so the
same page is rendered again with the lockout message as the form's error: the member keeps the
styled page, the editor Wagtail's admin login, nobody a bare 403.
"""

from django.conf import settings
from django.forms.forms import NON_FIELD_ERRORS
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

LOCKED_STATUS = 429


def cooloff_minutes():
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_message():
    minutes = cooloff_minutes()
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
    message = lockout_message()
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
