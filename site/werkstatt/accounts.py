"""Password reset for members: Django's views, German templates, invalid input answered with 400."""

from axes.utils import reset as reset_lockouts
from django.contrib.auth import views as auth_views


class BadInputIs400:
    """An invalid form is bad input: show it again with its German errors, status 400."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PasswordResetView(BadInputIs400, auth_views.PasswordResetView):
    template_name = "werkstatt/konto/password_reset_form.html"
    email_template_name = "werkstatt/konto/password_reset_email.txt"
    subject_template_name = "werkstatt/konto/password_reset_subject.txt"


class PasswordResetConfirmView(BadInputIs400, auth_views.PasswordResetConfirmView):
    """Setting a new password also lifts a login lock on the account: whoever holds the mailed
    link has proved it is theirs, so a stranger's failed attempts no longer keep them out."""

    template_name = "werkstatt/konto/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_lockouts(username=form.user.get_username())
        return response
