"""„Nachricht senden“: reach a contact whose address is not public, through the site.

Key concepts: the sender never sees the address; the message is stored (for the central
editors) and mailed with the sender as Reply-To. Spam protection without third parties: a
honeypot field people do not see, a signed form timestamp (too fast = a script, too old =
reload), and a per-client rate limit in the database (`werkstatt.ratelimit`: it holds when
Redis is down; the client address is only hashed).
"""

import logging
import smtplib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstatt import ratelimit
from werkstatt.client_address import client_address
from werkstatt.mail import one_line

from .models import ContactMessage, Visibility

MIN_SECONDS = 3  # a person needs longer than this to write a message
MAX_AGE = 24 * 60 * 60
RATE_LIMIT = 5  # messages per client and hour
RATE_WINDOW = 60 * 60
SALT = "network.contact.form"

logger = logging.getLogger("werkstatt")


class ContactForm(forms.Form):
    sender_name = forms.CharField(label=gettext_lazy("Ihr Name"), max_length=200)
    sender_email = forms.EmailField(
        label=gettext_lazy("Ihre E-Mail-Adresse"),
        help_text=gettext_lazy("Die Antwort kommt an diese Adresse."),
    )
    message = forms.CharField(
        label=gettext_lazy("Ihre Nachricht"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(label=gettext_lazy("Bitte leer lassen"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or time.time()
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = signing.dumps(int(self.now), salt=SALT)

    def clean_sender_name(self):
        """The name goes into the mail's subject: one line (werkstatt.mail)."""
        return one_line(self.cleaned_data["sender_name"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Die Nachricht wurde als Spam erkannt."))
        try:
            started = signing.loads(self.data.get("started", ""), salt=SALT, max_age=MAX_AGE)
        except signing.SignatureExpired as exc:
            raise forms.ValidationError(
                _("Das Formular ist abgelaufen. Bitte laden Sie die Seite neu.")
            ) from exc
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                _("Das Formular ist unvollständig. Bitte laden Sie die Seite neu.")
            ) from exc
        if self.now - int(started) < MIN_SECONDS:
            raise forms.ValidationError(
                _("Das ging sehr schnell. Bitte prüfen Sie Ihre Nachricht und senden Sie erneut.")
            )
        return cleaned


def rate_limited(request):
    """True if this client already sent RATE_LIMIT messages within the hour."""
    return ratelimit.exceeded("contact", client_address(request), RATE_LIMIT, RATE_WINDOW)


def count_message(request):
    ratelimit.count("contact", client_address(request), RATE_WINDOW)


def recipient_for(person):
    """(kind, address): the person if consented and reachable, else the central editors."""
    if person is not None and person.email and person.effective_visibility != Visibility.HIDDEN:
        return "person", person.email
    from werkstatt.models import SiteSettings

    site_settings = SiteSettings.objects.first()
    address = site_settings.feedback_email if site_settings else settings.DEFAULT_FROM_EMAIL
    return "redaktion", address


def deliver(form, person, page=""):
    """Store the message and mail it (Reply-To: the sender); returns the stored message."""
    kind, address = recipient_for(person)
    stored = ContactMessage.objects.create(
        person=person,
        sender_name=form.cleaned_data["sender_name"],
        sender_email=form.cleaned_data["sender_email"],
        message=form.cleaned_data["message"],
        page=page[:500],
        recipient_kind=kind,
    )
    intro = (
        _("Über die Werkstatt hat Ihnen %(name)s eine Nachricht geschrieben.")
        if kind == "person"
        else _("Über die Werkstatt kam eine Nachricht für %(target)s. Bitte weiterleiten.")
    ) % {
        "name": stored.sender_name,
        "target": person.name if person else _("die Redaktion"),
    }
    body = "\n\n".join(
        [
            intro,
            stored.message,
            _("Antworten Sie einfach auf diese E-Mail (an %(email)s).")
            % {"email": stored.sender_email},
            _("Gesendet von: %(page)s") % {"page": page or "–"},
        ]
    )
    email = EmailMessage(
        subject=one_line(_("Werkstatt: Nachricht von %(name)s") % {"name": stored.sender_name}),
        body=body,
        to=[address],
        reply_to=[stored.sender_email],
    )
    try:
        email.send(fail_silently=False)
    except (OSError, smtplib.SMTPException):
        # Kept, not lost: the central editors see undelivered messages in the admin.
        logger.warning("Nachricht #%s nicht zugestellt (Mailserver)", stored.pk, exc_info=True)
        return stored
    stored.delivered = True
    stored.save(update_fields=["delivered"])
    return stored
