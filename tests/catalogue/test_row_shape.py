"""A CSV row with more or fewer fields than the header is a row error in every importer
(issue 30: an unquoted „;“ in a cell crashed the importers with a ValueError, the upload 500)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogue.importer import import_catalogue
from catalogue.models import ToolPage, WorkshopPlanPage
from catalogue.plan_importer import import_plan
from network.importer import import_contacts
from network.models import Person
from werkstatt.spreadsheets import read_table

pytestmark = pytest.mark.django_db

TOOLS = (
    "Handlungsfeld;Werkzeug;Status\n"
    "Bildung;Seniorenakademie;bestehend;zu viel\n"  # the first row decides pandas' index
    "Bildung;Lernpaten; neu\n"
    "Bildung;Zu wenig\n"
    "Bildung;Lesecafé;neu\n"
)


def read(text, name="datei.csv"):
    return read_table(io.BytesIO(text.encode("utf-8")), filename=name)


def messages(errors):
    return [str(error) for error in errors]


def test_the_table_keeps_its_row_numbers_and_names_the_rows(db):
    frame = read(TOOLS)
    assert list(frame.index) == [0, 1, 2, 3]
    assert list(frame["Werkzeug"]) == ["Seniorenakademie", "Lernpaten", "Zu wenig", "Lesecafé"]


def test_catalogue_import_reports_both_rows_and_writes_nothing(catalogue):
    result = import_catalogue(read(TOOLS), catalogue)
    shape = [e for e in messages(result.errors) if "Felder" in e]
    assert shape == [
        "Zeile 2: Die Zeile hat 4 Felder, die Kopfzeile nur 3. Steht ein „;“ ohne "
        "Anführungszeichen in einer Zelle?",
        "Zeile 4: Die Zeile hat nur 2 Felder, die Kopfzeile 3. Fehlt ein „;“?",
    ]
    assert not ToolPage.objects.child_of(catalogue).exists()


def test_contact_import_reports_the_row(db):
    text = "Name;E-Mail;Sichtbarkeit\nIda Import;ida@example.org;öffentlich\nOle;Schmidt;ole@x.org;öffentlich\n"
    result = import_contacts(read(text))
    assert any(e.row == 3 and "4 Felder, die Kopfzeile nur 3" in e.message for e in result.errors)
    assert not Person.objects.filter(name__startswith="Ida").exists()


def test_plan_import_reports_the_row(module_demo, db):
    plan = WorkshopPlanPage.objects.get(slug="werkstattplan-musterkommune")
    text = "Handlungsfeld;Werkzeuge;2019\n1. Netzwerk;Runder Tisch;X;X\n"
    result = import_plan(read(text), plan)
    assert [e.row for e in result.errors if "Felder" in e.message] == [2]


def test_the_admin_upload_answers_with_the_german_row_error(client, editor, catalogue):
    client.force_login(editor)
    url = reverse("catalogue_import", args=[catalogue.pk])
    upload = SimpleUploadedFile("werkzeuge.csv", TOOLS.encode(), content_type="text/csv")
    response = client.post(url, {"file": upload, "action": "pruefen"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Die Zeile hat 4 Felder, die Kopfzeile nur 3" in html
    assert not ToolPage.objects.child_of(catalogue).exists()


def test_empty_fields_after_the_last_column_are_no_error(catalogue):
    frame = read("Handlungsfeld;Werkzeug;Status\nBildung;Lesecafé;neu;;\n")
    assert list(frame["Status"]) == ["neu"]
    assert import_catalogue(frame, catalogue).ok
