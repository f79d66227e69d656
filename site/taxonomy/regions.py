"""Loading the official region tree: the shipped data file, the Destatis Kreise xlsx, a plain CSV.

Key concepts: a region row is (code, name, level, kind); the parent is derived from the code
(the longest existing prefix of the code among 2/3/5/8 digits), so files need not state it.
`upsert_regions` validates everything first and writes nothing if any row is bad.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
from django.db import transaction
from django.utils.translation import gettext as _

from werkstatt.spreadsheets import ImportResult, RowError, SpreadsheetError, fold, read_table

from .models import Region, RegionLevel, level_for_code

DATA_FILE = Path(__file__).resolve().parent / "data" / "regions.csv"
PREFIX_LENGTHS = (8, 5, 3, 2)
LEVEL_NAMES = {fold(label): value for value, label in RegionLevel.choices} | {
    "bundesland": RegionLevel.LAND,
    "kreis": RegionLevel.KREIS,
    "landkreis": RegionLevel.KREIS,
    "kreisfreie stadt": RegionLevel.KREIS,
    "gemeinde": RegionLevel.GEMEINDE,
    "stadt": RegionLevel.GEMEINDE,
    "regbez": RegionLevel.REGIERUNGSBEZIRK,
    "1": RegionLevel.LAND,
    "2": RegionLevel.REGIERUNGSBEZIRK,
    "3": RegionLevel.KREIS,
    "4": RegionLevel.GEMEINDE,
    "5": RegionLevel.ORTSTEIL,
}


@dataclass(frozen=True)
class RegionRow:
    row: int
    code: str
    name: str
    level: int
    kind: str = ""


def parent_code(code, known):
    """The longest proper prefix of `code` that is a known region code."""
    for length in PREFIX_LENGTHS:
        if length < len(code) and code[:length] in known:
            return code[:length]
    return None


def ensure_region(code, name, kind=""):
    """Get or create one region below the longest existing prefix of its code; the level follows
    from the code's length. Demo loaders and factories share it, so a code is one row everywhere."""
    existing = Region.objects.filter(code=code).first()
    if existing is not None:
        return existing
    prefixes = [code[:length] for length in PREFIX_LENGTHS if length < len(code)]
    known = dict(Region.objects.filter(code__in=prefixes).values_list("code", "pk"))
    parent = parent_code(code, known)
    region, _created = Region.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": kind,
            "level": level_for_code(code),
            "parent_id": known.get(parent),
        },
    )
    return region


def _kreise_sheet(raw):
    """The sheet „Kreisfreie Städte u. Landkreise“ of Destatis' 04-kreise.xlsx, as strings."""
    try:
        sheets = pd.read_excel(io.BytesIO(raw), sheet_name=None, header=None, dtype=str)
    except Exception as exc:
        raise SpreadsheetError(
            _("Die Excel-Datei konnte nicht gelesen werden: %(error)s") % {"error": exc}
        ) from exc
    sheet = next((s for name, s in sheets.items() if "kreis" in fold(name)), None)
    if sheet is None:
        raise SpreadsheetError(_("Kein Tabellenblatt „Kreisfreie Städte u. Landkreise“ gefunden."))
    return sheet


def parse_destatis_kreise(raw):
    """Rows of the Destatis 'Kreisfreie Städte und Landkreise' sheet as Destatis publishes it.

    The sheet interleaves Länder (2 digits), Regierungsbezirke (3) and Kreise (5) in column 1
    with the name in column 2; for Kreise column 2 holds the kind and column 3 the name.
    """
    sheet = _kreise_sheet(raw)
    rows = []
    for index, values in sheet.fillna("").iterrows():
        code = str(values[0]).strip()
        if not re.fullmatch(r"\d{2}|\d{3}|\d{5}", code):
            continue
        if len(code) == 5:
            kind, name = str(values[1]).strip(), str(values[2]).strip()
        else:
            kind, name = "", str(values[1]).strip()
        rows.append(RegionRow(index + 1, code, name, level_for_code(code), kind))
    if not rows:
        raise SpreadsheetError(_("In der Datei wurden keine Schlüsselnummern gefunden."))
    return rows


def parse_plain_csv(source, filename=None):
    """Rows of a plain file with columns code;name;level (German headers accepted too); errors per row."""
    frame = read_table(source, filename)
    headers = {fold(h): h for h in frame.columns}
    pick = {
        "code": next(
            (
                headers[h]
                for h in ("code", "schluessel", "ags", "ars", "amtlicher schluessel")
                if h in headers
            ),
            None,
        ),
        "name": next((headers[h] for h in ("name", "bezeichnung") if h in headers), None),
        "level": next((headers[h] for h in ("level", "ebene") if h in headers), None),
        "kind": next((headers[h] for h in ("kind", "art", "typ") if h in headers), None),
    }
    if not pick["code"] or not pick["name"]:
        raise SpreadsheetError(_("Die Datei braucht die Spalten code und name (optional level)."))
    rows, errors = [], []
    for index, values in frame.iterrows():
        line = index + 2
        code, name = values[pick["code"]], values[pick["name"]]
        level_text = values[pick["level"]] if pick["level"] else ""
        if not re.fullmatch(r"\d{2,12}", code):
            errors.append(
                RowError(
                    line,
                    "code",
                    _("„%(code)s“ ist kein amtlicher Schlüssel (2 bis 12 Ziffern).")
                    % {"code": code},
                )
            )
            continue
        if not name:
            errors.append(RowError(line, "name", _("Der Name fehlt.")))
            continue
        derived = level_for_code(code)
        level = LEVEL_NAMES.get(fold(level_text)) if level_text else derived
        if level is None:
            errors.append(
                RowError(
                    line,
                    "level",
                    _(
                        "Unbekannte Ebene „%(level)s“. Erlaubt: Land, Regierungsbezirk, Kreis, Gemeinde, Ortsteil."
                    )
                    % {"level": level_text},
                )
            )
            continue
        if derived is None or (
            level != derived and not (level == RegionLevel.ORTSTEIL and len(code) > 8)
        ):
            errors.append(
                RowError(
                    line,
                    "level",
                    _("Ebene „%(level)s“ passt nicht zur Länge des Schlüssels %(code)s.")
                    % {"level": level_text or "-", "code": code},
                )
            )
            continue
        rows.append(
            RegionRow(line, code, name, level, values[pick["kind"]] if pick["kind"] else "")
        )
    return rows, errors


def upsert_regions(rows, errors=None, dry_run=False, progress=None):
    """Validate all rows, then create or update them parents-first; nothing is written on any error."""
    result = ImportResult(errors=list(errors or []))
    seen = {}
    for row in rows:
        if row.code in seen:
            result.errors.append(
                RowError(
                    row.row,
                    "code",
                    _("Schlüssel %(code)s kommt doppelt vor (auch Zeile %(other)s).")
                    % {"code": row.code, "other": seen[row.code]},
                )
            )
        seen[row.code] = row.row
    existing = {r.code: r for r in Region.objects.all()}
    known = set(existing) | set(seen)
    for row in rows:
        if row.level != RegionLevel.LAND and parent_code(row.code, known) is None:
            result.errors.append(
                RowError(
                    row.row,
                    "code",
                    _("Zu %(code)s gibt es keine übergeordnete Region (Land %(land)s fehlt).")
                    % {"code": row.code, "land": row.code[:2]},
                )
            )
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        for row in sorted(rows, key=lambda r: (len(r.code), r.code)):
            parent = existing.get(parent_code(row.code, known))
            current = existing.get(row.code)
            if current is None:
                existing[row.code] = Region.objects.create(
                    code=row.code, name=row.name, level=row.level, kind=row.kind, parent=parent
                )
                result.created += 1
            elif (current.name, current.level, current.kind, current.parent_id) != (
                row.name,
                row.level,
                row.kind,
                getattr(parent, "pk", None),
            ):
                current.name, current.level, current.kind, current.parent = (
                    row.name,
                    row.level,
                    row.kind,
                    parent,
                )
                current.save()
                result.updated += 1
            else:
                result.unchanged += 1
            if progress:
                progress(1)
    return result


def load_shipped_regions(progress=None):
    """Load the data file that ships with the project (all Länder, Regierungsbezirke, Kreise)."""
    with open(DATA_FILE, "rb") as handle:
        rows, errors = parse_plain_csv(handle, DATA_FILE.name)
    return upsert_regions(rows, errors, progress=progress)


# --- area and population (Destatis), for comparing municipalities -----------------------------

FIGURES_FILE = Path(__file__).resolve().parent / "data" / "region_figures.csv"
GEBIETSSTAND = re.compile(r"Gebietsstand:\s*(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass(frozen=True)
class FigureRow:
    code: str
    date: datetime.date
    area_km2: Decimal
    population: int


def parse_destatis_figures(raw):
    """Area (km²) and population of every Kreis from the Destatis file '04-kreise.xlsx'
    (columns 5 and 6 of the sheet; the reference date from its line „Gebietsstand: …“)."""
    sheet = _kreise_sheet(raw)
    sheet = sheet.fillna("")
    date = None
    for value in sheet[0].head(10):
        match = GEBIETSSTAND.search(str(value))
        if match:
            day, month, year = (int(g) for g in match.groups())
            date = datetime.date(year, month, day)
            break
    if date is None:
        raise SpreadsheetError(_("Die Zeile „Gebietsstand: TT.MM.JJJJ“ fehlt."))
    rows = []
    for _index, values in sheet.iterrows():
        code = str(values[0]).strip()
        if not re.fullmatch(r"\d{5}", code):
            continue
        try:
            rows.append(
                FigureRow(code, date, Decimal(str(values[4]).strip()), int(float(values[5])))
            )
        except (ValueError, ArithmeticError):
            continue  # a Kreis without figures (footnote rows) is left out
    if not rows:
        raise SpreadsheetError(
            _("In der Datei wurden keine Kreise mit Fläche und Bevölkerung gefunden.")
        )
    return rows


def read_figures_csv(path=FIGURES_FILE):
    """The shipped file: code;date;area_km2;population."""
    with open(path, encoding="utf-8") as handle:
        return [
            FigureRow(
                row["code"],
                datetime.date.fromisoformat(row["date"]),
                Decimal(row["area_km2"]),
                int(row["population"]),
            )
            for row in csv.DictReader(handle, delimiter=";")
        ]


def load_figures(rows):
    """Store figures per region and reference date (idempotent); returns (written, unknown codes)."""
    from .models import RegionFigure

    regions = dict(Region.objects.filter(code__in={r.code for r in rows}).values_list("code", "pk"))
    written, unknown = 0, []
    for row in rows:
        region_id = regions.get(row.code)
        if region_id is None:
            unknown.append(row.code)
            continue
        RegionFigure.objects.update_or_create(
            region_id=region_id,
            date=row.date,
            defaults={"area_km2": row.area_km2, "population": row.population},
        )
        written += 1
    return written, unknown


def load_shipped_figures():
    return load_figures(read_figures_csv())
