"""Hostile import files are refused quickly, with a German message naming the limit, and
nothing is written: a compressed XLSX bomb, a CSV mixing encodings, a name with a CR, files
over the row, column and cell limits. Error reports stop after 100 lines with the total."""

import io
import time
import zipfile

import pandas as pd
import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from catalogue.models import ToolPage
from network.models import Person
from werkstatt.spreadsheets import (
    Limits,
    RowError,
    SpreadsheetError,
    frame_to_xlsx,
    read_table,
    shown_errors,
)

pytestmark = pytest.mark.django_db

CATALOGUE_HEADER = "ID;Handlungsfeld;Werkzeug;Status;Beschreibung"


def xlsx_bomb(megabytes=60):
    """A real workbook whose sheet XML is `megabytes` large but compresses to a few hundred KB."""
    small = frame_to_xlsx(pd.DataFrame({"Werkzeug": ["x"], "Status": ["neu"]}))
    row = '<row><c t="inlineStr"><is><t>Seniorenbeirat gründen</t></is></c></row>'
    rows = row * (megabytes * 1024 * 1024 // len(row))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(small)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                start = text.index("<sheetData>") + len("<sheetData>")
                data = (text[:start] + rows + text[start:]).encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with pytest.raises(CommandError) as info:
        call_command(command, *args, stdout=out, stderr=err)
    return str(info.value), err.getvalue(), time.perf_counter() - started


def test_compressed_xlsx_bomb_is_refused_before_unpacking(catalogue, tmp_path):
    bomb = xlsx_bomb()
    assert len(bomb) < 2 * 1024 * 1024
    path = tmp_path / "werkzeuge.xlsx"
    path.write_bytes(bomb)
    message, err, seconds = run(
        "import_catalogue", str(path), "--catalogue", catalogue.slug, "--dry-run"
    )
    assert "Grenze „Dateigröße“" in message and "höchstens 20,0 MB" in message
    assert seconds < 5, seconds
    assert not ToolPage.objects.exists()


def test_csv_mixing_encodings_is_refused_with_the_line(catalogue, tmp_path):
    lines = [
        CATALOGUE_HEADER,
        "T-1;Bildung;Übergänge gestalten;neu;Schule und Beruf",
        "T-2;Bildung;Ältere Menschen;neu;Lernen",
    ]
    good = ("\n".join(lines) + "\n").encode("utf-8")
    path = tmp_path / "werkzeuge.csv"
    path.write_bytes(good)
    call_command("import_catalogue", str(path), "--catalogue", catalogue.slug, stdout=io.StringIO())
    assert ToolPage.objects.filter(title="Übergänge gestalten").exists()
    # The same file with one row saved as Windows-1252 by another program.
    mixed = good + "T-3;Bildung;Größere Wege;neu;Mobilität\n".encode("cp1252")
    path.write_bytes(mixed)
    message, _err, seconds = run("import_catalogue", str(path), "--catalogue", catalogue.slug)
    assert "mischt Kodierungen" in message and "Zeile 4" in message
    assert seconds < 5
    titles = set(ToolPage.objects.values_list("title", flat=True))
    assert titles == {"Übergänge gestalten", "Ältere Menschen"}  # no mojibake, nothing new


def test_windows_1252_file_is_still_read_whole():
    text = f"{CATALOGUE_HEADER}\nT-1;Bildung;Übergänge gestalten;neu;Straße\n"
    frame = read_table(io.BytesIO(text.encode("cp1252")), "werkzeuge.csv")
    assert frame.loc[0, "Werkzeug"] == "Übergänge gestalten"


def test_name_with_carriage_return_is_refused_in_the_contacts_import(db, tmp_path):
    header = "Name;E-Mail;Telefon;Sichtbarkeit"
    row = "Eva Muster\rEMAIL:angreifer@example.org;eva@example.org;02351 111;verborgen"
    path = tmp_path / "kontakte.csv"
    path.write_bytes(f"{header}\n{row}\n".encode())
    message, err, seconds = run("import_contacts", str(path))
    assert "1 Fehler in 1 Zeile(n); nichts wurde gespeichert." in message
    assert "Zeile 2, Spalte „Name“: Zeilenumbrüche sind in dieser Spalte nicht erlaubt." in err
    assert seconds < 5
    assert not Person.objects.exists()


def test_control_characters_are_removed_and_line_breaks_kept_where_allowed():
    text = (
        f"{CATALOGUE_HEADER}\n"
        'T-1;Bildung;Beirat\x07 gründen\x00;neu;"Erster Absatz\r\n\r\nZweiter\x1b Absatz"\n'
    )
    frame = read_table(io.BytesIO(text.encode()), "werkzeuge.csv")
    assert frame.loc[0, "Werkzeug"] == "Beirat gründen"
    assert frame.loc[0, "Beschreibung"] == "Erster Absatz\n\nZweiter Absatz"


@pytest.mark.parametrize(
    ("limits", "content", "expected"),
    [
        (Limits(rows=3), "a;b\n" + "1;2\n" * 4, "Grenze „Zeilen“"),
        (Limits(columns=3), ";".join("abcd") + "\n1;2;3;4\n", "Grenze „Spalten“"),
        (Limits(cell=10), "a;b\nkurz;" + "x" * 11 + "\n", "Zeile 2, Spalte „b“"),
        (Limits(bytes=100), "a;b\n" + "1;2\n" * 40, "Grenze „Dateigröße“"),
    ],
)
def test_each_limit_is_named(limits, content, expected):
    with pytest.raises(SpreadsheetError) as info:
        read_table(io.BytesIO(content.encode()), "datei.csv", limits=limits)
    assert expected in str(info.value)


@override_settings(WERKSTATT_IMPORT_LIMITS={"rows": 2})
def test_limits_come_from_the_settings():
    with pytest.raises(SpreadsheetError, match="mehr als 2 Zeilen"):
        read_table(io.BytesIO(b"a;b\n1;2\n3;4\n5;6\n"), "datei.csv")


def test_at_most_100_errors_are_shown_with_the_total(catalogue, tmp_path):
    rows = [f"T-{n};Bildung;Werkzeug {n};frisch;" for n in range(250)]
    path = tmp_path / "werkzeuge.csv"
    path.write_text("\n".join([CATALOGUE_HEADER, *rows]) + "\n", encoding="utf-8")
    message, err, _seconds = run("import_catalogue", str(path), "--catalogue", catalogue.slug)
    lines = err.strip().splitlines()
    assert len(lines) == 101
    assert lines[-1] == "… und 150 weitere Fehler (insgesamt 250)."
    assert message.startswith("250 Fehler")
    assert shown_errors(["a"] * 3) == ["a", "a", "a"]


def test_every_import_command_ends_a_refused_import_the_same_way():
    """One helper for all commands: the shown errors, then the count (rows only when every
    error has one) and that nothing was saved."""
    from django.core.management.base import OutputWrapper

    from werkstatt.spreadsheets import refuse_import

    rows = [RowError(2, "Titel", "fehlt"), RowError(2, "Jahr", "keine Zahl"), RowError(5, "", "x")]
    err = io.StringIO()
    with pytest.raises(
        CommandError, match=r"^3 Fehler in 2 Zeile\(n\); nichts wurde gespeichert\.$"
    ):
        refuse_import(OutputWrapper(err), rows)
    assert err.getvalue().splitlines() == [str(error) for error in rows]
    whole_file = [RowError(None, "", "Die Datei enthält keine Gebiete."), *rows[:1]]
    with pytest.raises(CommandError, match=r"^2 Fehler; nichts wurde gespeichert\.$"):
        refuse_import(io.StringIO(), whole_file)


def test_import_commands_name_a_missing_or_unreadable_file_in_german(catalogue, tmp_path):
    missing = str(tmp_path / "fehlt.csv")
    for args in (
        ("import_catalogue", missing, "--catalogue", catalogue.slug),
        ("import_contacts", missing),
    ):
        with pytest.raises(CommandError, match="^Datei nicht gefunden: .*fehlt.csv$"):
            call_command(*args)
    empty = tmp_path / "leer.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as info:
        call_command("import_catalogue", str(empty), "--catalogue", catalogue.slug)
    assert "Errno" not in str(info.value)


def test_a_file_over_the_limit_is_reported_with_its_real_size(tmp_path):
    """Issue 30: a 50 MB CSV was reported as „20,0 MB“ (the limit plus one byte, not its size)."""
    import io as _io

    from werkstatt.spreadsheets import Limits, SpreadsheetError, read_table

    raw = b"A;B\n" + b"x;y\n" * (3 * 1024 * 1024 // 4)
    limits = Limits(bytes=1024 * 1024)
    for source in (_io.BytesIO(raw), tmp_path / "gross.csv"):
        if not isinstance(source, _io.BytesIO):
            source.write_bytes(raw)
        with pytest.raises(SpreadsheetError) as refused:
            read_table(source, filename="gross.csv", limits=limits)
        assert "entpackt 3,0 MB groß; erlaubt sind höchstens 1,0 MB" in str(refused.value)
