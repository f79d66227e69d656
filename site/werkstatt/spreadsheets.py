"""Reading and writing the spreadsheets municipalities send us.

Key concepts: every importer reads a file into a DataFrame of strings with `read_table`
(xlsx, or csv with `;`/`,`, UTF-8 with or without BOM, Windows-1252), maps the people-written
headers onto its canonical columns with `match_columns`, collects `RowError`s for every bad
cell, and writes only when there are none. Nothing is ever evaluated: formula-like cells stay
text, and `neutralise` defuses them again on export.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd
from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*")  # e.g. "-2,5": a spreadsheet reads it as a number
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (wrong format, empty, missing columns)."""


@dataclass(frozen=True)
class RowError:
    """One problem: spreadsheet row number (header is row 1), column header and a German reason."""

    row: int | None
    column: str
    message: str

    def __str__(self):
        where = _("Zeile %(row)s") % {"row": self.row} if self.row else _("Datei")
        column = f", {_('Spalte')} „{self.column}“" if self.column else ""
        return f"{where}{column}: {self.message}"


@dataclass
class ImportResult:
    """What an importer did or, on a dry run or with errors, would have done."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Per row what happens (importers that report it fill this), and rows held back for a
    # decision of the editor (e.g. a title that already exists under another ID).
    rows: list = field(default_factory=list)
    held_back: int = 0

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        text = _("%(created)s neu, %(updated)s geändert, %(unchanged)s unverändert") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.held_back:
            text += ", " + _("%(count)s nicht angelegt (Titel schon vorhanden)") % {
                "count": self.held_back
            }
        return text


def fold(text):
    """Comparable form of a name as a person would write it: case, spacing, umlauts, '&'/'und'."""
    text = unicodedata.normalize("NFC", str(text or "")).strip().lower()
    text = text.translate(UMLAUTS)
    text = text.replace("&", " und ").replace("+", " und ")
    text = re.sub(r"[\s_\-/.,:()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _decode(raw):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(_("Die Datei ist weder UTF-8 noch Windows-1252 kodiert."))


def read_table(source, filename=None, sheet_name=0):
    """Read xlsx or csv into a DataFrame of stripped strings ('' for empty cells).

    `source` is a path or a file-like object; `filename` decides the format for uploads.
    Spreadsheet row numbers are the DataFrame index + 2 (row 1 holds the headers).
    """
    name = str(filename or getattr(source, "name", source) or "").lower()
    raw = source.read() if hasattr(source, "read") else open(source, "rb").read()  # noqa: SIM115
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if not raw.strip():
        raise SpreadsheetError(_("Die Datei ist leer."))
    try:
        if name.endswith((".xlsx", ".xlsm")) or raw[:2] == b"PK":
            frame = pd.read_excel(io.BytesIO(raw), sheet_name=sheet_name, dtype=str, header=0)
        elif name.endswith(".xls"):
            raise SpreadsheetError(
                _(
                    "Das alte Excel-Format .xls wird nicht gelesen. Bitte als .xlsx oder .csv speichern."
                )
            )
        else:
            text = _decode(raw)
            try:
                dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
                sep = dialect.delimiter
            except csv.Error:
                sep = ";"
            frame = pd.read_csv(
                io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=True
            )
    except SpreadsheetError:
        raise
    except Exception as exc:  # pandas raises many kinds; the user needs one German sentence
        raise SpreadsheetError(
            _("Die Datei konnte nicht gelesen werden: %(error)s") % {"error": exc}
        ) from exc
    frame = frame.fillna("").astype(str)
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.map(lambda v: v.strip())
    # Drop rows that are entirely empty (Excel often leaves some at the end).
    return frame[(frame != "").any(axis=1)]


def match_columns(frame, columns, required=()):
    """Map the file's headers to canonical column names, tolerant of case, spacing, umlauts.

    `columns` maps canonical name -> list of accepted spellings. Returns (mapping, errors) where
    mapping is canonical -> header found in the file.
    """
    by_fold = {fold(h): h for h in frame.columns}
    mapping, errors = {}, []
    for canonical, spellings in columns.items():
        for spelling in [canonical, *spellings]:
            if fold(spelling) in by_fold:
                mapping[canonical] = by_fold[fold(spelling)]
                break
    missing = [c for c in required if c not in mapping]
    if missing:
        errors.append(
            RowError(
                None,
                "",
                _("Pflichtspalte fehlt: %(missing)s. Gefundene Spalten: %(found)s.")
                % {"missing": ", ".join(missing), "found": ", ".join(frame.columns) or "–"},
            )
        )
    return mapping, errors


def split_list(value):
    """Split a ';' separated cell (also tolerating ',' and line breaks) into clean items."""
    return [part.strip() for part in re.split(r"[;\n]|,(?!\d)", value or "") if part.strip()]


def parse_bool(value):
    """ja/nein as people write it; None when the cell says something else."""
    folded = fold(value)
    if folded in {"ja", "j", "x", "yes", "y", "true", "wahr", "1"}:
        return True
    if folded in {"nein", "n", "no", "false", "falsch", "0", ""}:
        return False
    return None


def parse_number(value):
    """A number in German (1.500,50) or English (1,500.50 / 1500.5) notation; None if not a number."""
    text = (
        str(value or "")
        .strip()
        .replace("\u00a0", "")
        .replace(" ", "")
        .replace("€", "")
        .replace("EUR", "")
    )
    if not text:
        return None
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text) or re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def neutralise(value):
    """Defuse a cell that a spreadsheet program would run as a formula (CSV/formula injection)."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def frame_to_csv(frame):
    """CSV as German Excel opens it: UTF-8 with BOM, ';' separated, formulas neutralised."""
    safe = frame.map(neutralise)
    return safe.to_csv(sep=";", index=False, encoding="utf-8").encode("utf-8-sig")


def frame_to_xlsx(frame, sheet_name="Daten"):
    """XLSX bytes with formula-like text stored as text, never as a formula."""
    buffer = io.BytesIO()
    safe = frame.map(neutralise)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()
