"""Data-table import: good files in German and English notation, and every kind of bad input."""

import pytest

from projects.datareports.importer import import_file
from taxonomy.models import Region

from .conftest import GOOD_CSV, SECRET_POPULATION, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(content, parent, filename="daten.csv"):
    import io

    return import_file(io.BytesIO(content), parent, filename=filename)


def messages(outcome):
    return [str(e) for e in outcome.errors]


def test_good_csv_with_german_numbers(kreuzau, good_csv):
    outcome = run(good_csv, kreuzau)
    assert outcome.ok, messages(outcome)
    data = outcome.data
    assert [a["name"] for a in data["areas"]] == ["Drove", "Stockheim", "Winden", "Boich"]
    keys = {i["label"]: i for i in data["indicators"]}
    assert keys["Einwohner"]["kind"] == "count"
    assert keys["Anzahl 80+"]["kind"] == "count"
    assert keys["Anteil 65+"]["kind"] == "share" and keys["Anteil 65+"]["unit"] == "%"
    assert keys["Durchschnittsalter"]["unit"] == "Jahre"
    assert keys["Veränderung seit 2010 in %"]["kind"] == "change"
    drove = data["areas"][0]["values"]
    assert drove[keys["Einwohner"]["key"]] == 21000  # "21.000" is German thousands
    assert drove[keys["Anteil 65+"]["key"]] == 22.5
    assert drove[keys["Veränderung seit 2010 in %"]["key"]] == -3.5
    # The whole Gemeinde is computed: counts summed, shares weighted by population.
    whole = data["whole"]
    assert whole["computed"] is True and whole["code"] == "05358028"
    assert whole["values"][keys["Einwohner"]["key"]] == 21000 + 18000 + 15000 + SECRET_POPULATION
    expected = (21000 * 22.5 + 18000 * 19 + 15000 * 25 + SECRET_POPULATION * 31.4) / (
        21000 + 18000 + 15000 + SECRET_POPULATION
    )
    assert whole["values"][keys["Anteil 65+"]["key"]] == pytest.approx(expected)


def test_good_xlsx_with_english_numbers_and_names_only(kreuzau):
    content = xlsx_bytes(
        [["Drove", 1200, "12.5"], ["Stockheim", 800, 14.25], ["Gesamt", 2000, 13.2]],
        ["Ortsteil", "Einwohner", "Anteil 80+"],
    )
    outcome = run(content, kreuzau, "daten.xlsx")
    assert outcome.ok, messages(outcome)
    assert [a["code"] for a in outcome.data["areas"]] == ["05358028001", "05358028002"]
    share = outcome.data["indicators"][1]["key"]
    assert outcome.data["areas"][1]["values"][share] == 14.25
    # The file's own total row is used instead of a computed one.
    assert outcome.data["whole"]["computed"] is False
    assert outcome.data["whole"]["values"][share] == 13.2


def test_headers_as_people_write_them_and_lost_leading_zero(kreuzau):
    content = csv_bytes("AGS;EINWOHNER\n5358028001;100\n5358028002;200\n")
    outcome = run(content, kreuzau)
    assert outcome.ok, messages(outcome)
    assert outcome.data["areas"][0]["code"] == "05358028001"


def test_unknown_areas_are_named_by_row_and_column(kreuzau):
    content = csv_bytes("Schlüssel;Einwohner\n05358028001;100\n05358099001;50\n")
    outcome = run(content, kreuzau)
    assert not outcome.ok
    assert messages(outcome) == [
        "Zeile 3, Spalte „Schlüssel“: Unbekanntes Gebiet: Schlüssel „05358099001“ gibt es in Kreuzau nicht."
    ]
    by_name = run(csv_bytes("Ortsteil;Einwohner\nDrove;100\nAtlantis;50\n"), kreuzau)
    assert messages(by_name) == [
        "Zeile 3, Spalte „Ortsteil“: Unbekanntes Gebiet „Atlantis“ in Kreuzau."
    ]


def test_an_area_outside_the_region_is_unknown(kreuzau):
    # Stolberg's code exists elsewhere but is not below Kreuzau.
    Region.objects.get_or_create(
        code="05334032",
        defaults={"name": "Stolberg", "level": 4, "parent": Region.objects.get(code="05334")},
    )
    outcome = run(csv_bytes("Schlüssel;Einwohner\n05334032;100\n"), kreuzau)
    assert "Unbekanntes Gebiet" in messages(outcome)[0]


def test_duplicate_areas(kreuzau):
    content = csv_bytes("Ortsteil;Einwohner\nDrove;100\nStockheim;80\ndrove ;90\n")
    outcome = run(content, kreuzau)
    assert messages(outcome) == [
        "Zeile 4, Spalte „Ortsteil“: Das Gebiet „Drove“ steht schon in Zeile 2."
    ]


def test_empty_column(kreuzau):
    content = csv_bytes("Ortsteil;Einwohner;Anteil 80+\nDrove;100;\nStockheim;80;\n")
    outcome = run(content, kreuzau)
    assert messages(outcome) == ["Datei, Spalte „Anteil 80+“: Die Spalte enthält keine Werte."]


def test_non_numeric_and_implausible_cells_every_one_is_listed(kreuzau):
    content = csv_bytes(
        "Ortsteil;Einwohner;Anteil 80+;Durchschnittsalter\n"
        "Drove;viele;12,5;44\n"
        "Stockheim;80,5;130;vierzig\n"
        "Winden;-4;5;41\n"
    )
    outcome = run(content, kreuzau)
    assert messages(outcome) == [
        "Zeile 2, Spalte „Einwohner“: „viele“ ist keine Zahl.",
        "Zeile 3, Spalte „Einwohner“: Personenzahlen müssen ganze Zahlen ab 0 sein, nicht „80,5“.",
        "Zeile 3, Spalte „Anteil 80+“: Ein Anteil muss zwischen 0 und 100 liegen, nicht „130“.",
        "Zeile 3, Spalte „Durchschnittsalter“: „vierzig“ ist keine Zahl.",
        "Zeile 4, Spalte „Einwohner“: Personenzahlen müssen ganze Zahlen ab 0 sein, nicht „-4“.",
    ]


def test_empty_markers_mean_no_value(kreuzau):
    content = csv_bytes("Ortsteil;Einwohner;Anteil 80+\nDrove;100;-\nStockheim;80;7,5\n")
    outcome = run(content, kreuzau)
    assert outcome.ok, messages(outcome)
    key = outcome.data["indicators"][1]["key"]
    assert outcome.data["areas"][0]["values"][key] is None


def test_ambiguous_name_asks_for_the_code(kreuzau):
    kreis = Region.objects.get(code="05358")
    Region.objects.create(code="05358999", name="Drove", level=4, parent=kreis)
    parent = kreis
    outcome = run(csv_bytes("Ortsteil;Einwohner\nDrove;100\n"), parent)
    assert "mehrdeutig" in messages(outcome)[0] and "Schlüssel" in messages(outcome)[0]


def test_file_without_area_column_or_indicators(kreuzau):
    outcome = run(csv_bytes("Einwohner;Anteil\n100;5\n"), kreuzau)
    assert "Es fehlt eine Spalte für das Gebiet" in messages(outcome)[0]
    outcome = run(csv_bytes("Ortsteil\nDrove\n"), kreuzau)
    assert messages(outcome) == ["Datei: Die Datei enthält keine Spalte mit Kennzahlen."]


def test_unreadable_files(kreuzau):
    assert messages(run(b"", kreuzau)) == ["Datei: Die Datei ist leer."]
    assert ".xls" in messages(run(b"\xd0\xcf\x11\xe0 old excel", kreuzau, "alt.xls"))[0]


def test_problems_in_many_rows_are_all_reported(kreuzau):
    content = csv_bytes(
        GOOD_CSV + "05358028999;Nirgendwo;12;x;1;2;3\n05358028001;Drove;5;5;5;5;5\n"
    )
    outcome = run(content, kreuzau)
    rows = sorted({e.row for e in outcome.errors})
    assert rows == [6, 7]
    assert any(
        e.column == "Anteil 65+" and "„x“ ist keine Zahl" in e.message for e in outcome.errors
    )
    assert any("steht schon in Zeile 2" in e.message for e in outcome.errors)


def test_a_row_with_too_many_or_too_few_fields_is_a_row_error(kreuzau):
    """Issue 30: an unquoted „;“ in a cell shifted the row (or crashed the import)."""
    content = csv_bytes("Schlüssel;Einwohner\n05358028001;100;7\n05358028002\n05358028003;50\n")
    assert messages(run(content, kreuzau)) == [
        "Zeile 2: Die Zeile hat 3 Felder, die Kopfzeile nur 2. Steht ein „;“ ohne "
        "Anführungszeichen in einer Zelle?",
        "Zeile 3: Die Zeile hat nur 1 Feld, die Kopfzeile 2. Fehlt ein „;“?",
    ]
