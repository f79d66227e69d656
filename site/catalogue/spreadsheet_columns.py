"""The spreadsheet columns of a catalogue, shared by import and export, and a tool's values in them.

Key concepts: `tool_values(tool)` reduces a ToolPage to the plain values the spreadsheet holds;
the importer parses a row into the same shape, so "unchanged" is a dict comparison and the
export is these values formatted. That keeps import, export and the round trip in one place.
"""

import html
import re
from decimal import Decimal

from werkstatt.blocks import stream_text

# Canonical header -> other spellings people use (case, spacing and umlauts are folded anyway).
COLUMNS = {
    "ID": ["Nr", "Nummer", "Kennung", "Schlüssel", "Werkzeug-ID"],
    "Handlungsfeld": ["Handlungsfelder", "HF"],
    "Werkzeug": ["Titel", "Name", "Werkzeugname", "Werkzeugtitel"],
    "Status": ["Werkzeugstatus"],
    "Kurzbeschreibung": ["Zusammenfassung", "Kurztext"],
    "Beschreibung": ["Langbeschreibung", "Text", "Beschreibung des Werkzeugs"],
    "Zielgruppen": ["Zielgruppe", "Zielgruppe des Werkzeugs"],
    "Schlagworte": ["Schlagwort", "Stichworte", "Tags"],
    "Umsetzungsort": ["Einsatzort", "Ort"],
    "Region": ["AGS", "Regionalschlüssel", "Gemeindeschlüssel", "Amtlicher Schlüssel"],
    "Ansprechperson": [
        "Ansprechpartner",
        "Ansprechpartnerin",
        "Kontakt",
        "Ansprechperson des Werkzeugs",
    ],
    "Beteiligte": ["Partner", "Beteiligte Partner"],
    "Budget (EUR)": ["Budget", "Budget in EUR", "Budget €", "Kosten"],
    "Finanzierung": ["Finanzierungsquelle", "Fördermittel"],
    "Externe Beratung": ["Beratung"],
    "Jahre": ["Jahr", "Zeitraum"],
    "Praxisbeispiel": ["Gute Praxis", "Good Practice"],
}
REQUIRED = ("Handlungsfeld", "Werkzeug", "Status")
# Columns where a line break is content (paragraphs, lists); everywhere else it is an error.
MULTILINE = (
    "Handlungsfeld",
    "Kurzbeschreibung",
    "Beschreibung",
    "Zielgruppen",
    "Schlagworte",
    "Umsetzungsort",
    "Beteiligte",
    "Finanzierung",
    "Externe Beratung",
)
EXPORT_COLUMNS = list(COLUMNS)


def text_to_html(text):
    """Plain text with blank lines between paragraphs -> rich text paragraphs (escaped)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "".join(
        "<p>"
        + "<br/>".join(html.escape(line.strip(), quote=False) for line in p.split("\n"))
        + "</p>"
        for p in paragraphs
    )


def body_from_text(text):
    return [("text", text_to_html(text))] if text.strip() else []


def budget_funding(lines):
    """Budget lines reduced to one amount (their sum) and the distinct funding sources."""
    amounts = [line.amount for line in lines if line.amount is not None]
    total = sum(amounts, Decimal("0")) if amounts else None
    funding = "; ".join(dict.fromkeys(line.funding for line in lines if line.funding))
    return total, funding


def tool_values(tool):
    """The values of a tool as the spreadsheet has them (ids for vocabulary, normalised text)."""
    further = sorted(
        f.pk for f in tool.further_action_fields.all() if f.pk != tool.primary_action_field_id
    )
    budget, funding = budget_funding(list(tool.budget_lines.all()))
    return {
        "import_id": tool.import_id,
        "title": tool.title,
        "status": tool.status,
        "action_fields": (tool.primary_action_field_id, *further),
        "summary": tool.summary,
        "description": stream_text(tool.body),
        "target_groups": tuple(sorted(g.pk for g in tool.target_groups.all())),
        # through tagged_items, so a prefetch of "tagged_items__tag" spares a query per tool
        "tags": tuple(sorted(item.tag.name for item in tool.tagged_items.all())),
        "location_text": tool.location_text,
        "region_id": tool.location_region_id,
        "contact_name": tool.contact_name,
        "partners": tool.partners,
        "budget": budget,
        "funding": funding,
        "external_advice": tool.external_advice,
        "external_advice_text": tool.external_advice_text,
        "years": tool.years,
        "good_practice": tool.good_practice,
    }


def format_amount(amount):
    """German number format as German Excel shows it: 1500,5 -> '1.500,50'."""
    if amount is None:
        return ""
    text = f"{Decimal(amount):,.2f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def format_advice(needed, what):
    if not needed:
        return "nein"
    return f"ja: {what}" if what else "ja"


def values_to_row(values, names):
    """One export row; `names` maps vocabulary/region ids to what the spreadsheet shows."""
    return {
        "ID": values["import_id"],
        "Handlungsfeld": "; ".join(names["action_field"][pk] for pk in values["action_fields"]),
        "Werkzeug": values["title"],
        "Status": values["status"],
        "Kurzbeschreibung": values["summary"],
        "Beschreibung": values["description"],
        "Zielgruppen": "; ".join(names["target_group"][pk] for pk in values["target_groups"]),
        "Schlagworte": "; ".join(values["tags"]),
        "Umsetzungsort": values["location_text"],
        "Region": names["region"].get(values["region_id"], ""),
        "Ansprechperson": values["contact_name"],
        "Beteiligte": values["partners"],
        "Budget (EUR)": format_amount(values["budget"]),
        "Finanzierung": values["funding"],
        "Externe Beratung": format_advice(
            values["external_advice"], values["external_advice_text"]
        ),
        "Jahre": values["years"],
        "Praxisbeispiel": "ja" if values["good_practice"] else "nein",
    }
