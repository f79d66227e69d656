"""The one strict reader of numbers from requests (`seite`, ids in URLs).

Why strict: `str.isdigit()` accepts „²“ and Arabic-Indic digits that `int()` then rejects (a
500), and `int()` accepts signs, spaces, underscores and numbers with thousands of digits.
Here only ASCII digits count, the length is capped before converting, and the value must lie
within bounds; anything else is a `NumberError` with a German message (a 400 for the caller).
"""

import re

from django.utils.translation import gettext as _

ASCII_DIGITS = re.compile(r"[0-9]+")
MAX_ID = 2**63 - 1  # the largest primary key a database column holds


class NumberError(ValueError):
    """A number parameter the request got wrong; `message` is German, for the person."""

    def __init__(self, message, parameter=""):
        super().__init__(message)
        self.message = message
        self.parameter = parameter


def parse_int(raw, name, minimum, maximum, default=None):
    """`raw` as an int in [minimum, maximum]; empty or None gives `default` (if there is one)."""
    if raw is None or raw == "":
        if default is not None:
            return default
        raise NumberError(_("Der Parameter „%(name)s“ fehlt.") % {"name": name}, name)
    if (
        not isinstance(raw, str)
        or len(raw) > len(str(maximum))
        or not ASCII_DIGITS.fullmatch(raw)
        or not minimum <= int(raw) <= maximum
    ):
        raise NumberError(
            _("„%(name)s“ muss eine ganze Zahl zwischen %(minimum)s und %(maximum)s sein.")
            % {"name": name, "minimum": minimum, "maximum": maximum},
            name,
        )
    return int(raw)


def query_int(query, name, minimum, maximum, default=None):
    """One number from a QueryDict: given at most once, then `parse_int`."""
    values = query.getlist(name)
    if len(values) > 1:
        raise NumberError(
            _("Der Parameter „%(name)s“ darf nur einmal vorkommen.") % {"name": name}, name
        )
    return parse_int(values[0] if values else None, name, minimum, maximum, default)


class IdConverter:
    """URL converter for database ids: ASCII digits, at most what a bigint column holds.

    Django's `int` converter accepts any number of digits; a 30-digit id then overflows in the
    database (a 500) instead of being a plain 404.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # Django treats this as "no match": 404
        return number

    def to_url(self, value):
        return str(value)
