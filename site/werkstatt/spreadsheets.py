"""Reading and writing the spreadsheets municipalities send us.

Key concepts: every importer reads a file into a DataFrame of strings with `read_table`
(xlsx, or csv with `;`/`,`, UTF-8 with or without BOM, Windows-1252), maps the people-written
headers onto its canonical columns with `match_columns`, collects `RowError`s for every bad
cell, and writes only when there are none. Nothing is ever evaluated: formula-like cells stay
text, and `neutralise` defuses them again on export.

Limits (`Limits`, overridable with settings.WERKSTATT_IMPORT_LIMITS) are checked before any
work: the uncompressed size of an XLSX from the zip directory's declared sizes (a 1 MB file
can hold 200 MB of XML), rows, columns and cell length. A CSV is decoded as ONE encoding
(UTF-8, else Windows-1252); a file mixing both is refused with the lines that do not fit,
never re-decoded (mojibake would overwrite good titles). Every cell is normalised: NFC, line
breaks as LF, no other control characters; `match_columns` refuses line breaks in columns
that are not declared multi-line (a name with a CR would break a vCard line).
"""

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .umlauts import spell_out

MAX_ERRORS_SHOWN = 100
WRONG_FIELDS = "werkstatt.wrong_fields"  # DataFrame.attrs key: CSV rows of the wrong width
# C0 and C1 control characters except TAB and LF (CR is turned into LF first), plus the
# Unicode line and paragraph separators that some programs also treat as line breaks.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*")  # e.g. "-2,5": a spreadsheet reads it as a number


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
    text = spell_out(text)
    text = text.replace("&", " und ").replace("+", " und ")
    text = re.sub(r"[\s_\-/.,:()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Limits:
    """What an import file may hold; bigger files are refused before any work starts."""

    bytes: int = 20 * 1024 * 1024  # uncompressed: the CSV itself, or the XML inside an XLSX
    rows: int = 20_000
    columns: int = 60
    cell: int = 20_000  # characters in one cell

    @classmethod
    def configured(cls):
        return cls(**getattr(settings, "WERKSTATT_IMPORT_LIMITS", {}))


def _megabytes(size):
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _too_big(size, limits):
    return SpreadsheetError(
        _(
            "Die Datei ist entpackt %(size)s MB groß; erlaubt sind höchstens %(limit)s MB "
            "(Grenze „Dateigröße“). Bitte die Tabelle aufteilen."
        )
        % {"size": _megabytes(size), "limit": _megabytes(limits.bytes)}
    )


def check_xlsx_size(raw, limits):
    """Sum the sizes the zip directory declares, before anything is decompressed.

    Python's zipfile never inflates an entry beyond its declared size, so the sum bounds
    what reading the workbook can cost.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise SpreadsheetError(
            _("Die Datei konnte nicht gelesen werden: keine gültige XLSX-Datei (kein ZIP-Archiv).")
        ) from exc
    if total > limits.bytes:
        raise _too_big(total, limits)


def _decode(raw):
    """The whole file in ONE encoding: UTF-8 (with or without BOM), else Windows-1252.

    A file that is UTF-8 in some lines and something else in others is refused with the
    numbers of the lines that are not UTF-8: decoding it all as Windows-1252 would turn the
    good lines into mojibake („Ã¼“) and overwrite correct text on import.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = raw.split(b"\n")
    not_utf8, utf8_non_ascii = [], 0
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            not_utf8.append(number)
        else:
            utf8_non_ascii += not line.isascii()
    if utf8_non_ascii:
        shown = ", ".join(str(n) for n in not_utf8[:20])
        more = (
            _(" und %(count)s weitere") % {"count": len(not_utf8) - 20}
            if len(not_utf8) > 20
            else ""
        )
        raise SpreadsheetError(
            _(
                "Die Datei mischt Kodierungen: die meisten Zeilen sind UTF-8, Zeile %(lines)s%(more)s "
                "nicht. Bitte die Datei einheitlich als UTF-8 speichern; es wurde nichts gelesen."
            )
            % {"lines": shown, "more": more}
        )
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SpreadsheetError(
            _(
                "Die Datei ist weder UTF-8 noch Windows-1252 kodiert (Zeile %(line)s). "
                "Bitte als UTF-8 speichern."
            )
            % {"line": line}
        ) from exc


def clean_cell(value):
    """NFC, line breaks as LF, no other control characters, no surrounding spaces."""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text.replace("\t", " ")).strip()


def _check_shape(frame, limits):
    if len(frame.columns) > limits.columns:
        raise SpreadsheetError(
            _(
                "Die Tabelle hat %(count)s Spalten; erlaubt sind höchstens %(limit)s (Grenze „Spalten“)."
            )
            % {"count": len(frame.columns), "limit": limits.columns}
        )
    if len(frame) > limits.rows:
        raise SpreadsheetError(
            _(
                "Die Tabelle hat mehr als %(limit)s Zeilen (Grenze „Zeilen“). Bitte die Datei "
                "aufteilen."
            )
            % {"limit": limits.rows}
        )


def _check_cells(frame, limits):
    lengths = frame.map(len)
    too_long = lengths.gt(limits.cell)
    if too_long.to_numpy().any():
        row_pos, col_pos = next(zip(*too_long.to_numpy().nonzero(), strict=True))
        raise SpreadsheetError(
            _(
                "Zeile %(row)s, Spalte „%(column)s“: die Zelle hat %(length)s Zeichen; erlaubt "
                "sind höchstens %(limit)s (Grenze „Zellenlänge“). Betroffen: %(count)s Zelle(n)."
            )
            % {
                "row": int(frame.index[row_pos]) + 2,
                "column": frame.columns[col_pos],
                "length": int(lengths.iat[row_pos, col_pos]),
                "limit": limits.cell,
                "count": int(too_long.to_numpy().sum()),
            }
        )


def _size_of(source, read):
    """The whole file's size for the message (only the limit plus one byte was read)."""
    if not hasattr(source, "read"):
        return Path(source).stat().st_size
    size = getattr(source, "size", None)  # Django's uploaded files know theirs
    if size is None and hasattr(source, "seek") and hasattr(source, "tell"):
        size = source.seek(0, io.SEEK_END)
    return max(size or 0, read)


def read_table(source, filename=None, sheet_name=0, limits=None):
    """Read xlsx or csv into a DataFrame of clean strings ('' for empty cells).

    `source` is a path or a file-like object; `filename` decides the format for uploads.
    Spreadsheet row numbers are the DataFrame index + 2 (row 1 holds the headers). The
    `Limits` are checked first; a file over one raises `SpreadsheetError` naming the limit.
    """
    limits = limits or Limits.configured()
    wrong_fields = {}
    name = str(filename or getattr(source, "name", source) or "").lower()
    if hasattr(source, "read"):
        raw = source.read(limits.bytes + 1)
    else:
        with open(source, "rb") as handle:
            raw = handle.read(limits.bytes + 1)
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > limits.bytes:
        raise _too_big(_size_of(source, len(raw)), limits)
    if not raw.strip():
        raise SpreadsheetError(_("Die Datei ist leer."))
    import pandas as pd  # here, not at the top: every page imports this module via the models

    try:
        if name.endswith((".xlsx", ".xlsm")) or raw[:2] == b"PK":
            check_xlsx_size(raw, limits)
            frame = pd.read_excel(
                io.BytesIO(raw), sheet_name=sheet_name, dtype=str, header=0, nrows=limits.rows + 1
            )
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
            # Lines end at LF; a bare CR inside a line stays in its cell (and is refused
            # where a field has one line) instead of silently starting a new row. Files
            # with CR alone as line ending (old Mac Excel) are split at CR.
            options = {
                "sep": sep,
                "skip_blank_lines": True,
                "lineterminator": "\n" if "\n" in text else None,
            }
            header = pd.read_csv(io.StringIO(text), nrows=0, **options).columns
            # The header's names for every row: a longer row is cut, a shorter one filled,
            # neither becomes the index; `field_counts` names them as row errors.
            frame = pd.read_csv(
                io.StringIO(text),
                header=0,
                names=list(header),
                usecols=range(len(header)),
                index_col=False,
                dtype=str,
                keep_default_na=False,
                nrows=limits.rows + 1,
                **options,
            )
            wrong_fields = {
                "sep": sep,
                "rows": field_counts(text, sep, len(header), limits.rows + 1),
            }
    except SpreadsheetError:
        raise
    except Exception as exc:  # pandas raises many kinds; the user needs one German sentence
        raise SpreadsheetError(
            _("Die Datei konnte nicht gelesen werden: %(error)s") % {"error": exc}
        ) from exc
    _check_shape(frame, limits)
    frame = frame.fillna("").astype(str)
    frame.columns = [clean_cell(str(c)) for c in frame.columns]
    frame = frame.map(clean_cell)
    _check_cells(frame, limits)
    frame.attrs[WRONG_FIELDS] = wrong_fields
    # Drop rows that are entirely empty (Excel often leaves some at the end).
    return frame[(frame != "").any(axis=1)]


def field_counts(text, sep, expected, rows):
    """{row number: fields} of the CSV rows whose number of fields is not the header's.

    Counted with the csv module over the records pandas reads (blank lines skipped, a bare CR
    inside an LF line kept in its cell), so the numbers are those of every other row error.
    """
    if "\n" in text:
        text = text.replace("\r\n", "\n").replace("\r", " ")
    records = (record for record in csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    records = (record for record in records if record)
    wrong = {}
    for number, record in enumerate(records, start=1):
        if number > rows + 1:
            break
        while len(record) > expected and not record[-1].strip():
            record.pop()  # empty fields after the last column (some exports add „;“) are harmless
        if number > 1 and len(record) != expected:
            wrong[number] = len(record)
    return wrong


def shape_errors(frame):
    """The rows `read_table` found with more or fewer fields than the header, as RowErrors."""
    wrong = frame.attrs.get(WRONG_FIELDS) or {"sep": ";", "rows": {}}
    separator = {"\t": _("Tabulator")}.get(wrong["sep"], wrong["sep"])
    expected = len(frame.columns)
    errors = []
    for row, count in sorted(wrong["rows"].items()):
        values = {"count": count, "expected": expected, "separator": separator}
        if count > expected:
            message = _(
                "Die Zeile hat %(count)s Felder, die Kopfzeile nur %(expected)s. Steht ein "
                "„%(separator)s“ ohne Anführungszeichen in einer Zelle?"
            )
        else:
            message = ngettext(
                "Die Zeile hat nur %(count)s Feld, die Kopfzeile %(expected)s. Fehlt ein "
                "„%(separator)s“?",
                "Die Zeile hat nur %(count)s Felder, die Kopfzeile %(expected)s. Fehlt ein "
                "„%(separator)s“?",
                count,
            )
        errors.append(RowError(row, "", message % values))
    return errors


def shown_errors(errors, limit=MAX_ERRORS_SHOWN):
    """The first `limit` errors as text, and a closing line with the total when there are more."""
    lines = [str(error) for error in errors[:limit]]
    if len(errors) > limit:
        lines.append(
            _("… und %(more)s weitere Fehler (insgesamt %(total)s).")
            % {"more": len(errors) - limit, "total": len(errors)}
        )
    return lines


def command_table(file):
    """The table at path `file` for an import command; a CommandError with a German reason when
    the file is missing, cannot be read or is no table `read_table` accepts."""
    path = Path(file)
    if not path.is_file():
        raise CommandError(_("Datei nicht gefunden: %(path)s") % {"path": path})
    try:
        return read_table(path)
    except OSError as exc:
        raise CommandError(
            _("Datei nicht lesbar: %(reason)s") % {"reason": exc.strerror or exc}
        ) from exc
    except SpreadsheetError as exc:
        raise CommandError(str(exc)) from exc


def refuse_import(stderr, errors):
    """End an import command that found errors: the shown errors on its stderr, then a
    CommandError with how many (in how many rows) and that nothing was saved."""
    for line in shown_errors(errors):
        stderr.write(line)
    rows = {error.row for error in errors}
    if None in rows:  # a problem of the whole file
        count = _("%(errors)s Fehler") % {"errors": len(errors)}
    else:
        count = _("%(errors)s Fehler in %(rows)s Zeile(n)") % {
            "errors": len(errors),
            "rows": len(rows),
        }
    raise CommandError(_("%(count)s; nichts wurde gespeichert.") % {"count": count})


def match_columns(frame, columns, required=(), multiline=()):
    """Map the file's headers to canonical column names, tolerant of case, spacing, umlauts.

    `columns` maps canonical name -> list of accepted spellings. Returns (mapping, errors) where
    mapping is canonical -> header found in the file. A line break in a column not named in
    `multiline` is an error of its row (names, e-mail, phone: one line each), and so is a CSV
    row with more or fewer fields than the header (`shape_errors`).
    """
    by_fold = {fold(h): h for h in frame.columns}
    mapping, errors = {}, []
    for canonical, spellings in columns.items():
        for spelling in [canonical, *spellings]:
            if fold(spelling) in by_fold:
                mapping[canonical] = by_fold[fold(spelling)]
                break
    errors.extend(shape_errors(frame))
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
    for canonical, header in mapping.items():
        if canonical in multiline:
            continue
        broken = frame.index[frame[header].str.contains("\n", regex=False)]
        errors.extend(
            RowError(
                int(index) + 2,
                header,
                _("Zeilenumbrüche sind in dieser Spalte nicht erlaubt."),
            )
            for index in broken
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
    import pandas as pd

    buffer = io.BytesIO()
    safe = frame.map(neutralise)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_response(frame, extension, filename, sheet_name="Daten"):
    """A download of `frame` as `csv` or `xlsx` (the one place that builds such a response)."""
    from django.http import HttpResponse

    if extension == "xlsx":
        response = HttpResponse(frame_to_xlsx(frame, sheet_name=sheet_name), content_type=XLSX_TYPE)
    elif extension == "csv":
        response = HttpResponse(frame_to_csv(frame), content_type="text/csv; charset=utf-8")
    else:
        raise ValueError(extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response
