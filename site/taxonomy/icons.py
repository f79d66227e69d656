"""Pictograms for action fields: self-hosted SVGs in static/taxonomy/icons/<name>.svg."""

from django.utils.translation import gettext_lazy as _

ICON_CHOICES = [
    ("fachkraefte", _("Werkzeugkoffer (Fachkräfte)")),
    ("bildung", _("Buch (Bildung)")),
    ("teilhabe", _("Hände (Teilhabe)")),
    ("mobilitaet", _("Bus (Mobilität)")),
    ("wohnen", _("Haus (Wohnen)")),
    ("gesundheit", _("Herz (Gesundheit)")),
    ("vielfalt", _("Sprechblasen (Vielfalt)")),
    ("beteiligung", _("Megafon (Beteiligung)")),
    ("netzwerk", _("Netz (Netzwerk)")),
]
