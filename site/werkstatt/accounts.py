"""Password reset for members and editors: Django's and Wagtail's views, German templates,
invalid input answered with 400, the mail sent by a task and limited per address and client.

Key concepts: the request does the same work for every address (validate, count, enqueue):
looking the account up, making the token, rendering and sending happen in the task
(`send_reset_mail`), so the answer's timing no longer tells who has an account (issue 30:
59–68 ms known, 11–17 ms unknown). Limits per address and per client (`werkstatt.ratelimit`,
in the database, so they hold when Redis is down) stop a flood into one inbox; they count
unknown addresses alike, so a refusal tells nothing either.
"""

from axes.utils import reset as reset_lockouts
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.admin.views import account as wagtail_account

from werkstatt import ratelimit
from werkstatt.client_address import client_address

ADDRESS_LIMIT = 3  # reset mails per address and hour
CLIENT_LIMIT = 10  # reset requests per client and hour
WINDOW = 60 * 60


class BadInputIs400:
    """An invalid form is bad input: show it again with its German errors, status 400."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


def reset_refusal(request, email):
    """The German reason when this client or address asked too often, else None."""
    if ratelimit.exceeded("reset-client", client_address(request), CLIENT_LIMIT, WINDOW):
        return _(
            "Von Ihrem Anschluss wurden in der letzten Stunde schon mehrere E-Mails zum "
            "Zurücksetzen angefordert. Bitte versuchen Sie es später noch einmal."
        )
    if ratelimit.exceeded("reset-address", email, ADDRESS_LIMIT, WINDOW):
        return _(
            "Für diese Adresse wurden in der letzten Stunde schon mehrere E-Mails zum "
            "Zurücksetzen angefordert. Bitte sehen Sie in Ihrem Postfach (auch im Spam-Ordner) "
            "nach oder versuchen Sie es später noch einmal."
        )
    ratelimit.count("reset-client", client_address(request), WINDOW)
    ratelimit.count("reset-address", email, WINDOW)
    return None


class QueuedResetMixin(BadInputIs400):
    """form_valid: check the limits, enqueue the mail, answer; the same for every address."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        refusal = reset_refusal(self.request, email)
        if refusal:
            form.add_error(None, refusal)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        site = get_current_site(self.request)
        send_reset_mail.enqueue(
            email=email,
            domain=site.domain,
            site_name=site.name,
            use_https=self.request.is_secure(),
            subject_template_name=self.subject_template_name,
            email_template_name=self.email_template_name,
            html_email_template_name=self.html_email_template_name,
            from_email=self.from_email,
        )
        return HttpResponseRedirect(self.get_success_url())


@task()
def send_reset_mail(email, domain, site_name, use_https, **templates):
    """Django's own reset mail (active accounts with a usable password only), off the request."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            extra_email_context={"site_name": site_name},
            **templates,
        )


class PasswordResetView(QueuedResetMixin, auth_views.PasswordResetView):
    template_name = "werkstatt/konto/password_reset_form.html"
    email_template_name = "werkstatt/konto/password_reset_email.txt"
    subject_template_name = "werkstatt/konto/password_reset_subject.txt"


class AdminPasswordResetView(QueuedResetMixin, wagtail_account.PasswordResetView):
    """Wagtail's /admin/password_reset/ with the same queue and limits as the members' form."""


class PasswordResetConfirmView(BadInputIs400, auth_views.PasswordResetConfirmView):
    """Setting a new password also lifts a login lock on the account: whoever holds the mailed
    link has proved it is theirs, so a stranger's failed attempts no longer keep them out."""

    template_name = "werkstatt/konto/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_lockouts(username=form.user.get_username())
        return response
