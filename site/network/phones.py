"""Phone numbers of contacts: validated with `phonenumbers` and stored in one normal form.

Why: people type „02351 17-0“, „(0 23 51) 170“ or „+49 2351 170“; one international form
(+49 2351 170) makes numbers comparable, dialable from a vCard, and keeps spreadsheet junk
such as „@SUM(1+1)“ out. Numbers without a country code are read as German.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_REGION = "DE"


def _parse(text):
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def dialable(text):
    """E.164 (+492351170) for a vCard or tel: link; the text as stored if it is no number."""
    number = _parse(text or "")
    if number is None:
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phone(text):
    """The number in international format ('' stays ''); ValidationError (German) if it is none."""
    text = (text or "").strip()
    if not text:
        return ""
    number = _parse(text)
    if number is None:
        raise ValidationError(
            _("„%(value)s“ ist keine gültige Telefonnummer (z. B. 02351 17-0 oder +49 2351 170).")
            % {"value": text[:60]},
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
