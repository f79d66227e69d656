"""The network directory: municipalities, organisations, bodies (Gremien) and contacts.

Key concepts: contacts, organisations and bodies are plain models (snippets), not pages, because
there can be tens of thousands. Every contact carries its own visibility (public, members only,
hidden) and consent record; `Person.objects.visible_to(user)` and `person.visible_to(user)` are
the only way views, JSON and other apps decide what a viewer may see. Without recorded consent
(given, with a date) a person is never shown outside the editorial team.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField

from werkstatt.umlauts import spell_out

from .access import MEMBER, viewer_level
from .phones import normalise_phone

CONFIRMATION_MAX_AGE = timedelta(days=365)


def unique_slug(model, name, instance_pk=None, max_length=120):
    """A slug from `name` (ü -> ue) that no other row of `model` uses yet (name-2, name-3, ...)."""
    base = slugify(spell_out(name))[: max_length - 6] or "eintrag"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exclude(pk=instance_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class Programme(models.Model):
    """A funding or support programme municipalities take part in (e.g. Demografiewerkstatt Kommunen)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("website"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Programm")
        verbose_name_plural = _("Programme")

    def __str__(self):
        return self.name


class MunicipalityKind(models.TextChoices):
    GEMEINDE = "gemeinde", _("Gemeinde")
    STADT = "stadt", _("Stadt")
    KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
    LANDKREIS = "landkreis", _("Landkreis")


class Municipality(models.Model):
    """A Kommune or Kreis, tied to its official region; its profile page gathers all about it."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True, blank=True)
    region = models.OneToOneField(
        "taxonomy.Region",
        verbose_name=_("Region (amtlicher Schlüssel)"),
        on_delete=models.PROTECT,
        related_name="municipality",
    )
    kind = models.CharField(_("Art"), max_length=20, choices=MunicipalityKind.choices)
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("Stand der Einwohnerzahl (Jahr)"), null=True, blank=True
    )
    website = models.URLField(_("Website"), blank=True)
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("Programme"), blank=True, related_name="municipalities"
    )
    summary = models.TextField(_("Kurzprofil"), blank=True)
    profile = RichTextField(
        _("Profil"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"]
    )
    editor_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("Redaktionsgruppe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipality",
        help_text=_("Ihre Mitglieder bearbeiten die Seiten und Kontakte dieser Kommune."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("region"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("population"), FieldPanel("population_year")]),
        FieldPanel("website"),
        FieldPanel("programmes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        FieldPanel("profile"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Municipality, self.name, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("network:municipality", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.population_year and not self.population:
            raise ValidationError(
                {"population": _("Bitte die Einwohnerzahl zum angegebenen Jahr eintragen.")}
            )


class OrganisationKind(models.TextChoices):
    STABSSTELLE = "stabsstelle", _("Stabsstelle / Verwaltung")
    BEIRAT = "beirat", _("Beirat")
    VEREIN = "verein", _("Verein / Verband")
    TRAEGER = "traeger", _("Träger / Wohlfahrtsverband")
    HOCHSCHULE = "hochschule", _("Hochschule / Forschung")
    MINISTERIUM = "ministerium", _("Landesministerium / Landesbehörde")
    UNTERNEHMEN = "unternehmen", _("Unternehmen")
    SONSTIGE = "sonstige", _("Sonstige")


class Organisation(models.Model):
    """A Stabsstelle, Beirat, Verein, Hochschule or ministry that contacts belong to."""

    name = models.CharField(_("Name"), max_length=250)
    kind = models.CharField(
        _("Art"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.SONSTIGE
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("municipality"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")

    def __str__(self):
        return f"{self.name} ({self.municipality})" if self.municipality_id else self.name

    def get_absolute_url(self):
        return reverse("network:organisation", kwargs={"pk": self.pk})


class BodyKind(models.TextChoices):
    BEIRAT = "beirat", _("Beirat")
    ARBEITSGRUPPE = "arbeitsgruppe", _("Arbeitsgruppe")
    NETZWERK = "netzwerk", _("Netzwerk")
    LENKUNGSKREIS = "lenkungskreis", _("Lenkungskreis")
    SONSTIGE = "sonstige", _("Sonstiges Gremium")


class Body(ClusterableModel):
    """A Gremium (Beirat, Arbeitsgruppe, Netzwerk, Lenkungskreis) with current and former members."""

    name = models.CharField(_("Name"), max_length=250)
    kind = models.CharField(_("Art"), max_length=20, choices=BodyKind.choices)
    purpose = models.TextField(_("Zweck / Auftrag"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bodies",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Geschäftsführende Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bodies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordnetes Gremium"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sub_bodies",
        help_text=_("z. B. der Lenkungskreis, dem eine Arbeitsgruppe berichtet"),
    )
    action_fields = models.ManyToManyField(
        "taxonomy.ActionField", verbose_name=_("Handlungsfelder"), blank=True, related_name="+"
    )
    founded = models.DateField(_("Gegründet am"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("purpose"),
        FieldPanel("municipality"),
        FieldPanel("organisation"),
        FieldPanel("parent"),
        FieldPanel("action_fields", widget=forms.CheckboxSelectMultiple),
        FieldPanel("founded"),
        InlinePanel("memberships", label=_("Mitglieder"), heading=_("Mitgliedschaften")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:body", kwargs={"pk": self.pk})

    def current_memberships(self, on=None):
        on = on or timezone.localdate()
        return [m for m in self.memberships.all() if m.is_current(on)]

    def former_memberships(self, on=None):
        on = on or timezone.localdate()
        return [m for m in self.memberships.all() if not m.is_current(on)]


class Membership(models.Model):
    """A person's seat in a body: role, member group (e.g. Wohlfahrtsverbände) and period."""

    body = ParentalKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        "network.Person",
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("Rolle"), max_length=120, blank=True, help_text=_("z. B. Vorsitz"))
    group = models.CharField(
        _("Mitgliedergruppe"),
        max_length=120,
        blank=True,
        help_text=_("z. B. Politik, Verwaltung, Wohlfahrtsverbände"),
    )
    since = models.DateField(_("seit"), null=True, blank=True)
    until = models.DateField(_("bis"), null=True, blank=True)

    panels = [
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("group")]),
        FieldRowPanel([FieldPanel("since"), FieldPanel("until")]),
    ]

    class Meta:
        ordering = ["group", "-since", "pk"]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")

    def __str__(self):
        return f"{self.person} – {self.body}"

    def clean(self):
        super().clean()
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("„bis“ liegt vor „seit“.")})

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return (self.since is None or self.since <= on) and (self.until is None or self.until >= on)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("öffentlich")
    MEMBERS = "members", _("nur Mitglieder")
    HIDDEN = "hidden", _("verborgen (nur Redaktion)")


class PersonQuerySet(models.QuerySet):
    def with_consent(self):
        return self.filter(consent_given=True, consent_date__isnull=False)

    def visible_to(self, user):
        """What `user` may see on the public site: members public+members, others public only.

        Hidden and not-consented persons never appear here, not even for editors (admin only).
        """
        level = viewer_level(user)
        allowed = (
            [Visibility.PUBLIC, Visibility.MEMBERS] if level == MEMBER else [Visibility.PUBLIC]
        )
        return self.with_consent().filter(visibility__in=allowed)

    def awaiting_release(self):
        """Hidden persons whose recorded consent allows more (typically imported ones)."""
        return (
            self.with_consent()
            .filter(visibility=Visibility.HIDDEN)
            .exclude(requested_visibility__in=["", Visibility.HIDDEN])
        )

    def unconfirmed(self, now=None):
        """Persons whose data nobody confirmed within the last 12 months (or never)."""
        limit = (now or timezone.localdate()) - CONFIRMATION_MAX_AGE
        return self.filter(
            models.Q(last_confirmed__isnull=True) | models.Q(last_confirmed__lt=limit)
        )


class Person(models.Model):
    """A contact (Ansprechperson) with visibility and consent recorded per person."""

    name = models.CharField(_("Name"), max_length=200)
    function = models.CharField(_("Funktion / Rolle"), max_length=250, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    action_fields = models.ManyToManyField(
        "taxonomy.ActionField",
        verbose_name=_("Handlungsfelder (Expertise)"),
        blank=True,
        related_name="+",
    )
    email = models.EmailField(_("E-Mail"), blank=True, db_index=True)
    phone = models.CharField(_("Telefon"), max_length=60, blank=True)
    last_confirmed = models.DateField(
        _("Zuletzt bestätigt am"),
        null=True,
        blank=True,
        help_text=_("Wann die Person ihre Angaben zuletzt bestätigt hat."),
    )
    visibility = models.CharField(
        _("Sichtbarkeit"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.HIDDEN,
        db_index=True,
    )
    consent_given = models.BooleanField(_("Einwilligung liegt vor"), default=False)
    consent_date = models.DateField(_("Einwilligung am"), null=True, blank=True)
    consent_method = models.CharField(
        _("Einwilligung eingeholt durch"),
        max_length=200,
        blank=True,
        help_text=_("z. B. unterschriebenes Formular, E-Mail vom 3. 5. 2024"),
    )
    requested_visibility = models.CharField(
        _("Gewünschte Sichtbarkeit (laut Einwilligung)"),
        max_length=10,
        choices=Visibility.choices,
        blank=True,
        help_text=_(
            "Was die Person laut Einwilligung erlaubt hat; importierte Personen bleiben verborgen, "
            "bis die Redaktion die Sichtbarkeit freigibt."
        ),
    )
    source = models.CharField(
        _("Quelle"), max_length=250, blank=True, help_text=_("z. B. Importdatei und Datum")
    )
    # Set by the editorial team, never matched by e-mail: Django does not verify addresses, and
    # one functional address (demografie@kreis.de) can belong to several persons.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_entry",
        help_text=_(
            "Das Mitgliedskonto dieser Person: Sie sieht und korrigiert dann unter "
            "„Mein Eintrag“ selbst ihre Angaben und kann ihre Einwilligung widerrufen."
        ),
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("function"),
        FieldPanel("organisation"),
        FieldPanel("municipality"),
        FieldPanel("action_fields", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("last_confirmed"),
        MultiFieldPanel(
            [
                FieldPanel("visibility"),
                FieldPanel("requested_visibility"),
                FieldPanel("consent_given"),
                FieldRowPanel([FieldPanel("consent_date"), FieldPanel("consent_method")]),
            ],
            heading=_("Sichtbarkeit und Einwilligung"),
            help_text=_(
                "Ohne dokumentierte Einwilligung (mit Datum) bleibt eine Person verborgen: "
                "weder öffentlich noch für Mitglieder sichtbar."
            ),
        ),
        FieldPanel("user"),
        FieldPanel("source", read_only=True),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:person", kwargs={"pk": self.pk})

    @property
    def has_consent(self):
        return bool(self.consent_given and self.consent_date)

    @property
    def effective_visibility(self):
        """What the rules make of the chosen visibility: no consent means hidden."""
        return self.visibility if self.has_consent else Visibility.HIDDEN

    @property
    def is_confirmation_due(self):
        return (
            self.last_confirmed is None
            or self.last_confirmed < timezone.localdate() - CONFIRMATION_MAX_AGE
        )

    def clean(self):
        super().clean()
        errors = {}
        try:
            self.phone = normalise_phone(self.phone)
        except ValidationError as error:
            errors["phone"] = error.messages
        if self.consent_given and not self.consent_date:
            errors["consent_date"] = _("Bitte das Datum der Einwilligung angeben.")
        if self.consent_date and not self.consent_given:
            errors["consent_given"] = _(
                "Ein Einwilligungsdatum ist eingetragen, aber die Einwilligung ist nicht angekreuzt."
            )
        if self.visibility != Visibility.HIDDEN and not self.has_consent:
            errors["visibility"] = _(
                "Ohne dokumentierte Einwilligung (mit Datum) darf eine Person nicht "
                "„%(visibility)s“ sein. Bitte „verborgen“ wählen oder die Einwilligung eintragen."
            ) % {"visibility": self.get_visibility_display()}
        if self.consent_date and self.consent_date > timezone.localdate():
            errors["consent_date"] = _("Das Einwilligungsdatum liegt in der Zukunft.")
        if errors:
            raise ValidationError(errors)

    def visible_to(self, user):
        level = viewer_level(user)
        effective = self.effective_visibility
        if effective == Visibility.PUBLIC:
            return True
        return effective == Visibility.MEMBERS and level == MEMBER

    def get_vcard_url(self):
        return reverse("network:person_vcard", kwargs={"pk": self.pk})


class ContactMessage(models.Model):
    """A message sent through the site to a contact whose address is not public.

    Stored so the central editors can see what was sent and to whom (admin: Netzwerk →
    Nachrichten); the sender never sees the recipient's address. Without a person (or for a
    person without consent) the message goes to the central editors, who forward it.
    """

    person = models.ForeignKey(
        Person,
        verbose_name=_("An Person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,  # erasing a person erases the messages sent to them
        related_name="+",
    )
    sender_name = models.CharField(_("Name"), max_length=200)
    sender_email = models.EmailField(_("E-Mail"))
    message = models.TextField(_("Nachricht"))
    page = models.CharField(_("Gesendet von Seite"), max_length=500, blank=True)
    recipient_kind = models.CharField(
        _("Zugestellt an"),
        max_length=20,
        choices=[("person", _("die Person")), ("redaktion", _("die Redaktion"))],
    )
    delivered = models.BooleanField(_("Zugestellt"), default=False)
    created_at = models.DateTimeField(_("Gesendet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Nachricht von %(name)s") % {"name": self.sender_name}


class AlertFrequency(models.TextChoices):
    DAILY = "daily", _("täglich")
    WEEKLY = "weekly", _("wöchentlich")


class SavedSearch(models.Model):
    """„Suche merken“: a member's search that `send_alerts` checks and mails what is new.

    `query` is the search's own parameters (as in /suche/?...); `seen` holds the keys of the
    documents already known to the member (those found when saving, then those mailed), so a
    mail lists only what is new, whatever the documents' dates say. See `network.alerts`.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    query = models.CharField(_("Suchparameter"), max_length=2000)
    title = models.CharField(_("Bezeichnung"), max_length=300)
    frequency = models.CharField(
        _("Häufigkeit"),
        max_length=10,
        choices=AlertFrequency.choices,
        default=AlertFrequency.WEEKLY,
    )
    seen = models.JSONField(_("bekannte Treffer"), default=list, blank=True)
    created_at = models.DateTimeField(_("gemerkt am"), auto_now_add=True)
    last_sent = models.DateTimeField(_("zuletzt geprüft"), null=True, blank=True)

    class Meta:
        verbose_name = _("Gemerkte Suche")
        verbose_name_plural = _("Gemerkte Suchen")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="saved_search_once_per_user")
        ]

    def __str__(self):
        return self.title
