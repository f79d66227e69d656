"""import_contacts: good files (csv, xlsx), every kind of bad row, all or nothing, idempotent."""

import csv
import datetime
import io

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from network.factories import MunicipalityFactory, PersonFactory
from network.importer import import_contacts, parse_date
from network.models import Municipality, Organisation, Person
from werkstatt.spreadsheets import read_table

pytestmark = pytest.mark.django_db

HEADER = (
    "Name;Funktion;Organisation;Kommune;E-Mail;Telefon;Handlungsfelder;Sichtbarkeit;Einwilligung am"
)
GOOD = [
    'Ida Importiert;Sozialplanerin;Stabsstelle Demografie;05962032;ida@example.org;02351 111;"Bildung; Leben und Wohnen";öffentlich;01.03.2024',
    "Ole Ohnemail;Quartiersmanager;Seniorenbeirat;Kreis Düren;;0241 222;Gesundheit & Pflege;nur Mitglieder;2024-02-15",
    "Vera Verborgen;;;;vera@example.org;;;;",
]


def frame(*lines, header=HEADER):
    return read_table(io.BytesIO("\n".join([header, *lines]).encode("utf-8")), "kontakte.csv")


@pytest.fixture
def luedenscheid(db):
    return MunicipalityFactory()


def test_good_file_creates_hidden_persons_with_requested_visibility(luedenscheid):
    result = import_contacts(frame(*GOOD), source="test")
    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    ida = Person.objects.get(email="ida@example.org")
    assert ida.visibility == "hidden" and ida.requested_visibility == "public"
    assert ida.consent_given and ida.consent_date == datetime.date(2024, 3, 1)
    assert ida.municipality == luedenscheid
    assert ida.organisation.name == "Stabsstelle Demografie"
    assert sorted(f.slug for f in ida.action_fields.all()) == ["bildung", "leben-und-wohnen"]
    ole = Person.objects.get(name="Ole Ohnemail")
    # Kreis Düren had no municipality yet: created from the region.
    assert ole.municipality.region.code == "05358" and ole.municipality.kind == "landkreis"
    assert ole.requested_visibility == "members" and ole.visibility == "hidden"
    vera = Person.objects.get(email="vera@example.org")
    assert not vera.consent_given and vera.requested_visibility == "hidden"
    assert not Person.objects.visible_to(None).exists()


def test_second_run_is_idempotent(luedenscheid):
    import_contacts(frame(*GOOD))
    again = import_contacts(frame(*GOOD))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Person.objects.count() == 3
    assert Organisation.objects.count() == 2
    assert Municipality.objects.filter(region__code="05358").count() == 1


def test_update_by_email_keeps_editors_visibility_but_a_file_can_hide(luedenscheid):
    person = PersonFactory(email="ida@example.org", name="Ida Alt", visibility="public")
    result = import_contacts(frame(GOOD[0]))
    person.refresh_from_db()
    assert result.updated == 1 and person.name == "Ida Importiert"
    assert (
        person.visibility == "public"
    )  # the file never publishes, and never un-publishes by default
    hide = GOOD[0].replace("öffentlich;01.03.2024", "verborgen;01.03.2024")
    import_contacts(frame(hide))
    person.refresh_from_db()
    assert person.visibility == "hidden"


def test_email_match_ignores_case(luedenscheid):
    PersonFactory(email="ida@example.org")
    result = import_contacts(frame(GOOD[0].replace("ida@example.org", "IDA@Example.org")))
    assert result.updated == 1 and Person.objects.count() == 1


@pytest.mark.parametrize(
    ("line", "column", "reason"),
    [
        (";Funktion;;;x@example.org;;;;", "Name", "Der Name fehlt"),
        ("Anna;;;;keine-mail;;;;", "E-Mail", "keine gültige E-Mail-Adresse"),
        ("Anna;;;Atlantis;;;;;", "Kommune", "Unbekannte Region „Atlantis“"),
        ("Anna;;;Rosenheim;;;;;", "Kommune", "mehrdeutig"),
        ("Anna;;;Bayern;;;;;", "Kommune", "keine Kommune"),
        ("Anna;;;99999;;;;;", "Kommune", "Unbekannter amtlicher Schlüssel"),
        ("Anna;;;;;;Raumfahrt;;", "Handlungsfelder", "Unbekanntes Handlungsfeld „Raumfahrt“"),
        ("Anna;;;;;;;vielleicht;", "Sichtbarkeit", "verstehe ich nicht"),
        ("Anna;;;;;;;verborgen;31.02.2024", "Einwilligung am", "kein Datum"),
        ("Anna;;;;;;;verborgen;gestern", "Einwilligung am", "kein Datum"),
        ("Anna;;;;;;;verborgen;01.01.2999", "Einwilligung am", "Zukunft"),
        ("Anna;;;;;;;öffentlich;", "Einwilligung am", "Ohne Datum der Einwilligung"),
        ("A" * 201 + ";;;;;;;;", "Name", "Zu lang"),
    ],
)
def test_bad_row_is_named_and_nothing_is_written(luedenscheid, line, column, reason):
    result = import_contacts(frame(GOOD[0], line))
    assert not result.ok
    messages = [str(e) for e in result.errors]
    assert any(e.row == 3 and e.column == column and reason in e.message for e in result.errors), (
        messages
    )
    assert all(m.startswith("Zeile 3") for m in messages), messages


def test_duplicate_email_in_file_names_both_rows(luedenscheid):
    result = import_contacts(frame(GOOD[0], GOOD[0].replace("Ida Importiert", "Ida Doppelt")))
    assert [str(e) for e in result.errors] == [
        "Zeile 3, Spalte „E-Mail“: Die E-Mail-Adresse steht schon in Zeile 2."
    ]


def test_missing_name_column_is_reported(db):
    result = import_contacts(frame("x@example.org", header="E-Mail"))
    assert "Pflichtspalte fehlt: Name" in str(result.errors[0])


def test_headers_as_people_write_them(luedenscheid):
    header = "name;FUNKTION;organisation;kommune;e-mail;telefon;handlungsfelder;sichtbarkeit;Einwilligung  am"
    result = import_contacts(frame(GOOD[0], header=header))
    assert result.ok and result.created == 1


def test_parse_date_forms():
    assert parse_date("1.3.24") == datetime.date(2024, 3, 1)
    assert parse_date("2024-03-01 00:00:00") == datetime.date(2024, 3, 1)
    assert parse_date("45352") == datetime.date(2024, 3, 1)
    assert parse_date("") is None


def test_command_with_xlsx_and_bad_csv(luedenscheid, tmp_path, capsys):
    rows = [dict(zip(HEADER.split(";"), next(csv.reader([GOOD[0]], delimiter=";")), strict=True))]
    xlsx = tmp_path / "kontakte.xlsx"
    pd.DataFrame(rows).to_excel(xlsx, index=False)
    call_command("import_contacts", str(xlsx))
    assert "1 neu" in capsys.readouterr().out
    assert Person.objects.filter(email="ida@example.org", visibility="hidden").exists()

    bad = tmp_path / "kaputt.csv"
    bad.write_text("\n".join([HEADER, GOOD[1], "Anna;;;Atlantis;;;;;"]), encoding="utf-8")
    with pytest.raises(CommandError, match=r"1 Fehler in 1 Zeile\(n\); nichts wurde gespeichert"):
        call_command("import_contacts", str(bad))
    assert "Zeile 3, Spalte „Kommune“" in capsys.readouterr().err
    assert not Person.objects.filter(name="Ole Ohnemail").exists()


def test_command_dry_run_writes_nothing(luedenscheid, tmp_path, capsys):
    path = tmp_path / "kontakte.csv"
    path.write_text("\n".join([HEADER, *GOOD]), encoding="utf-8")
    call_command("import_contacts", str(path), "--dry-run")
    assert "Probelauf" in capsys.readouterr().out
    assert not Person.objects.exists()


def test_command_missing_file(db):
    with pytest.raises(CommandError, match="Datei nicht gefunden"):
        call_command("import_contacts", "/nicht/da.csv")
