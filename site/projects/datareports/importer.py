"""Validate a data-report spreadsheet and turn it into structured data (pure; no writes)."""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkstatt.spreadsheets import (
    RowError,
    SpreadsheetError,
    fold,
    parse_number,
    read_table,
    shape_errors,
)
from werkstatt.umlauts import spell_out

CODE_HEADERS = [
    "Schlüssel",
    "Code",
    "AGS",
    "Amtlicher Schlüssel",
    "Gebietsschlüssel",
    "Gemeindeschlüssel",
    "Ortsteilschlüssel",
    "Kennziffer",
]
NAME_HEADERS = [
    "Gebiet",
    "Ortsteil",
    "Stadtteil",
    "Orts- und Stadtteil",
    "Name",
    "Bezeichnung",
    "Gemeinde",
    "Kommune",
    "Bezirk",
    "Raum",
]
WHOLE_NAMES = {"gesamt", "insgesamt", "summe", "gesamtstadt", "gesamtkreis", "gesamtgemeinde"}
EMPTY_MARKERS = {"", "-", "–", "—", ".", "k a", "keine angabe", "n a"}
COUNT_WORDS = ("einwohner", "anzahl", "personen", "bevoelkerung", "menschen")
POPULATION_WORDS = ("einwohner", "bevoelkerung")

COUNT, SHARE, CHANGE, VALUE = "count", "share", "change", "value"


@dataclass
class ImportOutcome:
    data: dict | None = None
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors and self.data is not None


def indicator_key_text(header):
    """'Anteil 65+' -> 'anteil 65 plus', '... in %' -> '... in prozent' (stable URL keys)."""
    text = header.lower().replace("+", " plus ").replace("%", " prozent ")
    return spell_out(text)


def indicator_kind(header):
    """Count of persons, share in %, change in %, or another value; decided by the header."""
    folded = fold(header)
    if "veraenderung" in folded or "entwicklung" in folded:
        return CHANGE
    if "anteil" in folded or "quote" in folded or "%" in header:
        return SHARE
    if any(word in folded for word in COUNT_WORDS):
        return COUNT
    return VALUE


def indicator_unit(header, kind):
    if kind in (SHARE, CHANGE):
        return "%"
    if kind == COUNT:
        return _("Personen")
    return _("Jahre") if "alter" in fold(header) else ""


def is_population(indicator):
    return indicator["kind"] == COUNT and any(
        w in fold(indicator["label"]) for w in POPULATION_WORDS
    )


def _find_header(frame, spellings):
    by_fold = {fold(h): h for h in frame.columns}
    for spelling in spellings:
        if fold(spelling) in by_fold:
            return by_fold[fold(spelling)]
    return None


class AreaIndex:
    """The regions below the report's region, by code and by name (Ortsteile are often named only)."""

    def __init__(self, parent, regions):
        self.parent = parent
        self.by_code = {r.code: r for r in regions}
        self.by_name = {}
        for region in regions:
            self.by_name.setdefault(fold(region.name), []).append(region)

    def resolve(self, code, name):
        """(region, is_whole, error message)."""
        if code:
            digits = code.replace(" ", "").removesuffix(".0")
            if not re.fullmatch(r"\d+", digits):
                return None, False, _("„%(code)s“ ist kein amtlicher Schlüssel.") % {"code": code}
            if digits in (self.parent.code, self.parent.code.lstrip("0")):
                return self.parent, True, ""
            for candidate in (digits, digits.zfill(len(digits) + 1)):
                if candidate in self.by_code:
                    return self.by_code[candidate], False, ""
            return (
                None,
                False,
                _("Unbekanntes Gebiet: Schlüssel „%(code)s“ gibt es in %(parent)s nicht.")
                % {"code": code, "parent": self.parent.name},
            )
        folded = fold(name)
        if folded in WHOLE_NAMES or folded == fold(self.parent.name):
            return self.parent, True, ""
        matches = self.by_name.get(folded, [])
        if len(matches) == 1:
            return matches[0], False, ""
        if matches:
            options = "; ".join(f"{r.code} {r.name}" for r in matches[:6])
            return (
                None,
                False,
                _("„%(name)s“ ist mehrdeutig (%(options)s). Bitte den Schlüssel angeben.")
                % {"name": name, "options": options},
            )
        return (
            None,
            False,
            _("Unbekanntes Gebiet „%(name)s“ in %(parent)s.")
            % {"name": name, "parent": self.parent.name},
        )


def _parse_cell(raw, kind):
    """(value or None, error message or '')."""
    if fold(raw) in EMPTY_MARKERS or raw.strip() in EMPTY_MARKERS:
        return None, ""
    value = parse_number(raw.replace("%", "").strip())
    if value is None:
        return None, _("„%(value)s“ ist keine Zahl.") % {"value": raw}
    if kind == COUNT and (value < 0 or value != int(value)):
        return None, _("Personenzahlen müssen ganze Zahlen ab 0 sein, nicht „%(value)s“.") % {
            "value": raw
        }
    if kind == SHARE and not 0 <= value <= 100:
        return None, _("Ein Anteil muss zwischen 0 und 100 liegen, nicht „%(value)s“.") % {
            "value": raw
        }
    return value, ""


def compute_whole(indicators, areas):
    """The whole region from its areas: counts summed, everything else weighted by population."""
    population = next((i["key"] for i in indicators if is_population(i)), None)
    values = {}
    for indicator in indicators:
        key = indicator["key"]
        present = [a for a in areas if a["values"].get(key) is not None]
        if not present:
            values[key] = None
        elif indicator["kind"] == COUNT:
            values[key] = (
                float(sum(a["values"][key] for a in present))
                if len(present) == len(areas)
                else None
            )
        else:
            weights = [a["values"].get(population) if population else None for a in present]
            if population and all(w for w in weights):
                total = sum(weights)
                values[key] = (
                    sum(a["values"][key] * w for a, w in zip(present, weights, strict=True)) / total
                )
            else:
                values[key] = sum(a["values"][key] for a in present) / len(present)
    return values


def import_table(frame, parent, regions):
    """Validate `frame` for the areas below region `parent`; `regions` are those areas.

    Returns an ImportOutcome with JSON-able data, or every problem as RowError (row numbers
    as in the spreadsheet, header = row 1).
    """
    errors = shape_errors(frame)
    code_header = _find_header(frame, CODE_HEADERS)
    name_header = _find_header(frame, NAME_HEADERS)
    if not code_header and not name_header:
        return ImportOutcome(
            errors=[
                RowError(
                    None,
                    "",
                    _(
                        "Es fehlt eine Spalte für das Gebiet (z. B. „Schlüssel“ oder „Ortsteil“). Gefundene Spalten: %(found)s."
                    )
                    % {"found": ", ".join(frame.columns) or "–"},
                )
            ]
        )
    indicator_headers = [
        h
        for h in frame.columns
        if h not in (code_header, name_header) and not h.startswith("Unnamed")
    ]
    if not indicator_headers:
        return ImportOutcome(
            errors=[RowError(None, "", _("Die Datei enthält keine Spalte mit Kennzahlen."))]
        )
    if frame.empty:
        return ImportOutcome(errors=[RowError(None, "", _("Die Datei enthält keine Gebiete."))])

    indicators, seen_keys = [], set()
    for header in indicator_headers:
        key = slugify(indicator_key_text(header)) or "kennzahl"
        while key in seen_keys:
            key += "-2"
        seen_keys.add(key)
        kind = indicator_kind(header)
        indicators.append(
            {"key": key, "label": header, "kind": kind, "unit": indicator_unit(header, kind)}
        )
        if (frame[header].map(lambda v: fold(v) in EMPTY_MARKERS)).all():
            errors.append(RowError(None, header, _("Die Spalte enthält keine Werte.")))
    empty_headers = {e.column for e in errors}

    index = AreaIndex(parent, regions)
    areas, whole, first_row = [], None, {}
    for position, (_i, row) in enumerate(frame.iterrows()):
        line = position + 2
        code = row[code_header] if code_header else ""
        name = row[name_header] if name_header else ""
        if not code and not name:
            errors.append(RowError(line, code_header or name_header, _("Kein Gebiet angegeben.")))
            continue
        region, is_whole, message = index.resolve(code, name)
        if message:
            errors.append(RowError(line, code_header if code else name_header, message))
        values = {}
        for indicator in indicators:
            header = indicator["label"]
            if header in empty_headers:
                continue
            value, problem = _parse_cell(row[header], indicator["kind"])
            if problem:
                errors.append(RowError(line, header, problem))
            values[indicator["key"]] = value
        if region is None:
            continue
        if region.code in first_row:
            errors.append(
                RowError(
                    line,
                    code_header if code else name_header,
                    _("Das Gebiet „%(name)s“ steht schon in Zeile %(row)s.")
                    % {"name": region.name, "row": first_row[region.code]},
                )
            )
            continue
        first_row[region.code] = line
        entry = {
            "code": region.code,
            "name": region.label if is_whole else region.name,
            "values": values,
        }
        if is_whole:
            whole = entry
        else:
            areas.append(entry)
    if not areas and not errors:
        errors.append(
            RowError(None, "", _("Die Datei enthält keine Gebiete unterhalb der Region."))
        )
    if errors:
        return ImportOutcome(errors=errors)
    computed = whole is None
    if computed:
        whole = {
            "code": parent.code,
            "name": parent.label,
            "values": compute_whole(indicators, areas),
        }
    whole["computed"] = computed
    return ImportOutcome(
        data={"indicators": indicators, "areas": areas, "whole": whole, "rows": len(frame)}
    )


def import_file(source, parent, filename=None):
    """Read a csv/xlsx and validate it; a file that cannot be read at all is one error."""
    from taxonomy.models import Region

    try:
        frame = read_table(source, filename)
    except SpreadsheetError as exc:
        return ImportOutcome(errors=[RowError(None, "", str(exc))])
    regions = list(Region.objects.filter(code__startswith=parent.code).exclude(pk=parent.pk))
    return import_table(frame, parent, regions)
