"""Umlauts spelled out (ä → ae, Ä → Ae, ß → ss): how Germans write them without the letters.

The one table for slugs, spreadsheet headers, data-report keys and search folding, so that
„Übergänge“, „Uebergaenge“ and „uebergaenge“ meet wherever names are compared or made into URLs.
"""

SPELLED_OUT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def spell_out(text):
    return str(text).translate(SPELLED_OUT)
