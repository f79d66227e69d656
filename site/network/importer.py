"""Contacts from a spreadsheet: all or nothing, every bad row named, idempotent on the e-mail.

Key concepts: `import_contacts(frame)` validates every row first (nothing is written while a
single error remains), then creates or updates persons keyed by e-mail (without an e-mail: by
name and municipality). Imported persons start hidden: the file's `Sichtbarkeit` is kept as
the visibility the person asked for, and editors publish. A file may hide a person, never
publish one. Municipalities are found by official code or name and created for a known region.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from taxonomy.lookup import LookupError_, RegionIndex, resolve_action_field, resolve_region
from taxonomy.models import ActionField, RegionLevel
from werkstatt.spreadsheets import ImportResult, RowError, fold, match_columns, split_list

from .models import Municipality, MunicipalityKind, Organisation, Person, Visibility
from .phones import normalise_phone

COLUMNS = {
    "Name": ["Vor- und Nachname", "Person", "Ansprechperson"],
    "Funktion": ["Rolle", "Funktion/Rolle", "Position"],
    "Organisation": ["Einrichtung", "Stelle", "Institution"],
    "Kommune": ["Gemeinde", "Stadt", "Kreis", "AGS", "Region"],
    "E-Mail": ["Email", "Mail", "E-Mail-Adresse", "E Mail"],
    "Telefon": ["Tel", "Tel.", "Telefonnummer", "Phone"],
    "Handlungsfelder": ["Handlungsfeld", "Themen", "Expertise"],
    "Sichtbarkeit": ["Freigabe", "Veröffentlichung"],
    "Einwilligung am": ["Einwilligung", "Einwilligungsdatum", "Einverständnis am"],
    "Einwilligung durch": ["Einwilligung wie", "Einwilligung eingeholt durch", "Einwilligungsart"],
}
REQUIRED = ["Name"]
MULTILINE = ("Handlungsfelder",)  # a list may be one per line; names, e-mail, phone may not

VISIBILITY_WORDS = {
    "oeffentlich": Visibility.PUBLIC,
    "public": Visibility.PUBLIC,
    "ja": Visibility.PUBLIC,
    "nur mitglieder": Visibility.MEMBERS,
    "mitglieder": Visibility.MEMBERS,
    "intern": Visibility.MEMBERS,
    "members": Visibility.MEMBERS,
    "verborgen": Visibility.HIDDEN,
    "versteckt": Visibility.HIDDEN,
    "nein": Visibility.HIDDEN,
    "hidden": Visibility.HIDDEN,
    "": Visibility.HIDDEN,
}
MAX_LENGTHS = {"Name": 200, "Funktion": 250, "Organisation": 250, "Telefon": 60}


@dataclass
class ContactRow:
    row: int
    name: str
    function: str = ""
    organisation: str = ""
    municipality: object = None  # Municipality or (Region, name) to create
    email: str = ""
    phone: str = ""
    action_fields: list = field(default_factory=list)
    requested_visibility: str = Visibility.HIDDEN
    consent_date: datetime.date | None = None
    consent_method: str = ""


def parse_date(value):
    """A date as Germans and Excel write it: 1.3.2024, 01.03.24, 2024-03-01 (00:00:00), serial 45352."""
    text = str(value or "").strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
        return datetime.date(year, month, day)
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?", text)
    if match:
        return datetime.date(*(int(g) for g in match.groups()))
    if re.fullmatch(r"\d{5}(\.0)?", text):
        return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(float(text)))
    raise ValueError(text)


class MunicipalityResolver:
    """Kommune by official code or name: existing municipality, else a known region to create one for."""

    def __init__(self):
        self.regions = RegionIndex()
        self.by_name = {}
        self.by_region = {}
        for municipality in Municipality.objects.select_related("region"):
            self.by_name.setdefault(fold(municipality.name), []).append(municipality)
            self.by_region[municipality.region_id] = municipality

    def resolve(self, value):
        matches = self.by_name.get(fold(value), [])
        if len(matches) == 1:
            return matches[0]
        region = resolve_region(value, self.regions)
        if region.level not in (RegionLevel.KREIS, RegionLevel.GEMEINDE):
            raise LookupError_(
                _(
                    "„%(value)s“ ist ein %(level)s, keine Kommune. Bitte Kreis oder Gemeinde angeben."
                )
                % {"value": value, "level": region.get_level_display()}
            )
        return self.by_region.get(region.pk) or region


def _kind_for(region):
    kind = fold(region.kind)
    if region.level == RegionLevel.KREIS:
        return (
            MunicipalityKind.KREISFREIE_STADT if "kreisfrei" in kind else MunicipalityKind.LANDKREIS
        )
    return MunicipalityKind.STADT if "stadt" in kind else MunicipalityKind.GEMEINDE


def parse_rows(frame):
    """Validate every row; returns (rows, errors). Nothing is written."""
    mapping, errors = match_columns(frame, COLUMNS, REQUIRED, multiline=MULTILINE)
    if errors:
        return [], errors
    fields = {f.slug: f for f in ActionField.objects.all()}
    field_list = list(fields.values())
    municipalities = MunicipalityResolver()
    rows, seen_emails = [], {}
    today = timezone.localdate()
    for index, record in frame.iterrows():
        number = int(index) + 2
        cell = {c: str(record[h]).strip() for c, h in mapping.items()}
        row_errors = []

        def error(column, message, number=number, row_errors=row_errors):
            row_errors.append(RowError(number, column, message))

        for column, limit in MAX_LENGTHS.items():
            if len(cell.get(column, "")) > limit:
                error(column, _("Zu lang (höchstens %(limit)s Zeichen).") % {"limit": limit})
        item = ContactRow(row=number, name=cell.get("Name", ""))
        if not item.name:
            error("Name", _("Der Name fehlt."))
        item.function = cell.get("Funktion", "")
        item.organisation = cell.get("Organisation", "")
        try:
            item.phone = normalise_phone(cell.get("Telefon", ""))
        except ValidationError as exc:
            error("Telefon", exc.messages[0])
        item.consent_method = cell.get("Einwilligung durch", "")[:200]
        email = cell.get("E-Mail", "").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                error(
                    "E-Mail", _("„%(value)s“ ist keine gültige E-Mail-Adresse.") % {"value": email}
                )
            else:
                if email in seen_emails:
                    error(
                        "E-Mail",
                        _("Die E-Mail-Adresse steht schon in Zeile %(row)s.")
                        % {"row": seen_emails[email]},
                    )
                seen_emails.setdefault(email, number)
        item.email = email
        if cell.get("Kommune"):
            try:
                item.municipality = municipalities.resolve(cell["Kommune"])
            except LookupError_ as exc:
                error("Kommune", str(exc))
        for name in split_list(cell.get("Handlungsfelder", "")):
            try:
                item.action_fields.append(resolve_action_field(name, field_list))
            except LookupError_ as exc:
                error("Handlungsfelder", str(exc))
        word = fold(cell.get("Sichtbarkeit", ""))
        if word in VISIBILITY_WORDS:
            item.requested_visibility = VISIBILITY_WORDS[word]
        else:
            error(
                "Sichtbarkeit",
                _("„%(value)s“ verstehe ich nicht. Erlaubt: öffentlich, nur Mitglieder, verborgen.")
                % {"value": cell["Sichtbarkeit"]},
            )
        try:
            item.consent_date = parse_date(cell.get("Einwilligung am", ""))
        except ValueError:
            error(
                "Einwilligung am",
                _("„%(value)s“ ist kein Datum (z. B. 01.03.2024).")
                % {"value": cell["Einwilligung am"]},
            )
        if item.consent_date and item.consent_date > today:
            error("Einwilligung am", _("Das Datum liegt in der Zukunft."))
        if (
            item.requested_visibility != Visibility.HIDDEN
            and not item.consent_date
            and not any(e.column == "Einwilligung am" for e in row_errors)
        ):
            error(
                "Einwilligung am",
                _("Ohne Datum der Einwilligung darf die Person nicht „%(visibility)s“ sein.")
                % {"visibility": Visibility(item.requested_visibility).label},
            )
        errors.extend(row_errors)
        rows.append(item)
    return rows, errors


def _municipality(target, created):
    """The Municipality for a row; creates one for a known region once per import."""
    if target is None or isinstance(target, Municipality):
        return target
    if target.pk not in created:
        created[target.pk], _new = Municipality.objects.get_or_create(
            region=target, defaults={"name": target.name, "kind": _kind_for(target)}
        )
    return created[target.pk]


def _organisation(name, municipality, cache):
    if not name:
        return None
    key = (fold(name), municipality.pk if municipality else None)
    if key not in cache:
        found = Organisation.objects.filter(name__iexact=name, municipality=municipality).first()
        cache[key] = found or Organisation.objects.create(name=name, municipality=municipality)
    return cache[key]


def _existing(item, municipality):
    if item.email:
        return Person.objects.filter(email__iexact=item.email).order_by("pk").first()
    return (
        Person.objects.filter(name__iexact=item.name, municipality=municipality, email="")
        .order_by("pk")
        .first()
    )


def import_contacts(frame, source="", progress=None):
    """Validate, then write (caller wraps in `transaction.atomic`); returns an ImportResult."""
    rows, errors = parse_rows(frame)
    result = ImportResult(errors=errors)
    if errors:
        return result
    created_municipalities, organisations = {}, {}
    for item in rows:
        municipality = _municipality(item.municipality, created_municipalities)
        organisation = _organisation(item.organisation, municipality, organisations)
        values = {
            "name": item.name,
            "function": item.function,
            "organisation": organisation,
            "municipality": municipality,
            "email": item.email,
            "phone": item.phone,
            "requested_visibility": item.requested_visibility,
            "consent_given": item.consent_date is not None,
            "consent_date": item.consent_date,
            "consent_method": item.consent_method
            or (_("laut Importdatei") if item.consent_date else ""),
        }
        person = _existing(item, municipality)
        if person is None:
            person = Person(visibility=Visibility.HIDDEN, source=source, **values)
            person.full_clean()
            person.save()
            person.action_fields.set(item.action_fields)
            result.created += 1
        else:
            changed = [k for k, v in values.items() if getattr(person, k) != v]
            if (
                item.requested_visibility == Visibility.HIDDEN
                and person.visibility != Visibility.HIDDEN
            ):
                values["visibility"] = Visibility.HIDDEN  # a file may hide, never publish
                changed.append("visibility")
            if not values["consent_given"] and person.visibility != Visibility.HIDDEN:
                values["visibility"] = Visibility.HIDDEN  # consent withdrawn or missing
                changed.append("visibility")
            old_fields = set(person.action_fields.values_list("pk", flat=True))
            new_fields = {f.pk for f in item.action_fields}
            if changed:
                for key, value in values.items():
                    setattr(person, key, value)
                person.full_clean()
                person.save()
            if old_fields != new_fields:
                person.action_fields.set(item.action_fields)
            if changed or old_fields != new_fields:
                result.updated += 1
            else:
                result.unchanged += 1
        if progress is not None:
            progress(1)
    return result
