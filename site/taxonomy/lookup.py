"""Finding a region, action field or target group from what a person typed into a spreadsheet."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstatt.spreadsheets import fold

from .models import ActionField, Region, TargetGroup

NAME_NOISE = re.compile(
    r"^(landkreis|kreis|stadt|gemeinde|kreisfreie stadt|hansestadt|freie und hansestadt|land|bundesland)\s+"
    r"|\s+(stadt|landkreis|kreis|kreisfreie stadt|landeshauptstadt|freie und hansestadt|hansestadt|universitaetsstadt|wissenschaftsstadt|stadtkreis)$"
)


class LookupError_(ValueError):  # noqa: N801 - not the builtin LookupError
    """A value that does not name exactly one thing; the message says how to fix it."""


def _core(name):
    folded = fold(name)
    previous = None
    while previous != folded:
        previous, folded = folded, NAME_NOISE.sub("", folded).strip()
    return folded


def _kind_hint(text):
    folded = fold(text)
    if folded.startswith(("landkreis", "kreis ")) or folded.endswith(("landkreis", "kreis")):
        return "kreis"
    if folded.startswith("stadt ") or folded.endswith(" stadt") or "kreisfreie" in folded:
        return "stadt"
    return None


def resolve_region(value, regions=None):
    """One Region for an official code (leading zero may be lost by Excel) or a name.

    Raises LookupError_ with a German message listing the candidates when the name is
    unknown or ambiguous (e.g. Rosenheim is a Landkreis and a kreisfreie Stadt).
    """
    text = str(value or "").strip()
    if not text:
        raise LookupError_(_("Keine Region angegeben."))
    regions = regions if regions is not None else RegionIndex()
    digits = text.replace(" ", "")
    if re.fullmatch(r"\d+(\.0)?", digits):
        digits = digits.removesuffix(".0")
        for candidate in (digits, digits.zfill(len(digits) + 1)):
            found = regions.by_code.get(candidate)
            if found:
                return found
        raise LookupError_(_("Unbekannter amtlicher Schlüssel „%(code)s“.") % {"code": text})
    matches = list(
        {
            r.code: r
            for r in regions.by_name.get(fold(text), []) + regions.by_core.get(_core(text), [])
        }.values()
    )
    matches.sort(key=lambda r: r.code)
    if len(matches) > 1 and all(r.code.startswith(matches[0].code) for r in matches):
        # A city-state: Land and Kreis share the name; the most specific one is meant.
        return max(matches, key=lambda r: len(r.code))
    if len(matches) > 1:
        hint = _kind_hint(text)
        if hint:
            narrowed = [
                r
                for r in matches
                if (hint == "kreis")
                == ("kreis" in fold(r.kind) and "kreisfrei" not in fold(r.kind))
            ]
            if len(narrowed) == 1:
                return narrowed[0]
        options = "; ".join(f"{r.code} {r.label}" for r in matches[:6])
        raise LookupError_(
            _("„%(name)s“ ist mehrdeutig: %(options)s. Bitte den amtlichen Schlüssel angeben.")
            % {"name": text, "options": options}
        )
    if not matches:
        raise LookupError_(
            _(
                "Unbekannte Region „%(name)s“. Bitte den amtlichen Schlüssel (z. B. 05358 für den Kreis Düren) oder den genauen Namen angeben."
            )
            % {"name": text}
        )
    return matches[0]


class RegionIndex:
    """All regions in memory, keyed for lookups; built once per import instead of once per row."""

    def __init__(self, queryset=None):
        regions = list(queryset if queryset is not None else Region.objects.all())
        self.by_code = {r.code: r for r in regions}
        self.by_name, self.by_core = {}, {}
        for region in regions:
            self.by_name.setdefault(fold(region.name), []).append(region)
            self.by_core.setdefault(_core(region.name), []).append(region)


def _vocabulary_resolver(model, unknown):
    def resolve(value, items=None):
        items = items if items is not None else list(model.objects.all())
        wanted = fold(value)
        for item in items:
            if wanted in (fold(item.name), fold(item.slug)):
                return item
        known = ", ".join(i.name for i in items)
        raise LookupError_(
            _("%(unknown)s „%(value)s“. Bekannt sind: %(known)s.")
            % {"unknown": unknown, "value": value, "known": known}
        )

    return resolve


resolve_action_field = _vocabulary_resolver(ActionField, gettext_lazy("Unbekanntes Handlungsfeld"))
resolve_target_group = _vocabulary_resolver(TargetGroup, gettext_lazy("Unbekannte Zielgruppe"))
