"""The catalogue importer: good files in every form, every kind of bad row, idempotency, round trip."""

import io

import pandas as pd
import pytest
from wagtail.models import Revision

from catalogue.exports import catalogue_frame
from catalogue.importer import import_catalogue
from catalogue.models import ToolPage, ToolStatus
from catalogue.spreadsheet_columns import EXPORT_COLUMNS
from werkstatt.spreadsheets import frame_to_csv, frame_to_xlsx, read_table

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = ["Handlungsfeld", "Werkzeug", "Status"]


def read(raw, name="datei.csv"):
    return read_table(io.BytesIO(raw), filename=name)


def tools_of(catalogue):
    return ToolPage.objects.child_of(catalogue).order_by("title")


def test_sample_file_creates_published_tools_with_revisions(catalogue, sample_frame):
    result = import_catalogue(sample_frame, catalogue)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    bus = ToolPage.objects.get(import_id="BSP-001")
    assert bus.live and bus.live_revision_id and bus.latest_revision_id == bus.live_revision_id
    assert bus.first_published_at is not None and not bus.has_unpublished_changes
    assert bus.get_parent().pk == catalogue.pk
    assert bus.status == ToolStatus.EXISTING
    assert bus.primary_action_field.slug == "mobilitaet-und-nahversorgung"
    assert sorted(g.slug for g in bus.target_groups.all()) == [
        "ehrenamtliche",
        "seniorinnen-und-senioren",
    ]
    assert sorted(t.name for t in bus.tags.all()) == ["Bürgerbus", "ÖPNV"]
    assert bus.location_region.code == "05358"
    assert bus.budget_total == 12000
    assert bus.years == "2017;2018;2019;2020"
    assert bus.good_practice is True
    assert "Bürgerbusverein" in bus.body[0].value.source
    lotsen = ToolPage.objects.get(import_id="BSP-002")
    assert lotsen.status == ToolStatus.NEW
    assert (
        lotsen.primary_action_field.slug == "leben-und-wohnen"
    )  # "Leben und Wohnen" = "Leben & Wohnen"
    assert lotsen.location_region.code == "05358"  # by name
    assert (
        lotsen.external_advice and lotsen.external_advice_text == "Schulung durch die Wohnberatung"
    )
    assert lotsen.years == "2018;2019"
    assert float(lotsen.budget_total) == 2500.0
    table = ToolPage.objects.get(import_id="BSP-003")
    assert [f.slug for f in table.action_fields] == [
        "demografienetzwerk-und-verwaltung",
        "buergerbeteiligung-und-engagement",
    ]
    assert catalogue.get_children().count() == 4
    assert Revision.page_revisions.filter(object_id=str(bus.pk)).count() == 1
    # The new pages are served.
    assert bus.url.endswith("/werkzeuge/katalog-dueren/buergerbus-im-nordkreis/")


def test_second_import_changes_nothing_and_makes_no_revisions(catalogue, sample_frame):
    import_catalogue(sample_frame, catalogue)
    revisions = Revision.objects.count()
    pages = ToolPage.objects.count()
    result = import_catalogue(sample_frame, catalogue)
    assert result.ok
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert Revision.objects.count() == revisions
    assert ToolPage.objects.count() == pages


def test_changed_row_updates_by_id_with_a_new_revision(catalogue, sample_frame):
    import_catalogue(sample_frame, catalogue)
    changed = sample_frame.copy()
    changed.loc[changed["ID"] == "BSP-001", "Werkzeug"] = "Bürgerbus Nordkreis (neu benannt)"
    changed.loc[changed["ID"] == "BSP-001", "Status"] = "neu"
    result = import_catalogue(changed, catalogue)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    bus = ToolPage.objects.get(import_id="BSP-001")
    assert bus.title == "Bürgerbus Nordkreis (neu benannt)" and bus.status == "neu"
    assert Revision.page_revisions.filter(object_id=str(bus.pk)).count() == 2
    assert ToolPage.objects.child_of(catalogue).count() == 4


def test_rows_without_id_match_on_title(catalogue, sample_frame):
    import_catalogue(sample_frame, catalogue)
    academy = sample_frame[sample_frame["Werkzeug"] == "Seniorenakademie"].copy()
    academy["Kurzbeschreibung"] = "Neue Beschreibung."
    result = import_catalogue(academy, catalogue)
    assert (result.created, result.updated) == (0, 1)
    assert ToolPage.objects.get(title="Seniorenakademie").summary == "Neue Beschreibung."


def test_dry_run_reports_but_writes_nothing(catalogue, sample_frame):
    result = import_catalogue(sample_frame, catalogue, dry_run=True)
    assert result.ok and result.created == 4
    assert not ToolPage.objects.exists()


BAD_ROWS = [
    # (column, value, words expected in the reason)
    ("Handlungsfeld", "Raumfahrt", ["Unbekanntes Handlungsfeld", "Bildung", "Fachkräfte"]),
    ("Handlungsfeld", "", ["Handlungsfeld fehlt"]),
    ("Werkzeug", "", ["Titel"]),
    ("Werkzeug", "x" * 300, ["länger als 255"]),
    ("Status", "vielleicht", ["bestehend oder neu"]),
    ("Status", "", ["Status fehlt"]),
    ("Zielgruppen", "Marsianer", ["Unbekannte Zielgruppe", "Familien"]),
    ("Region", "Atlantis", ["Unbekannte Region"]),
    ("Region", "99999", ["Unbekannter amtlicher Schlüssel"]),
    ("Budget (EUR)", "viel Geld", ["kein Betrag"]),
    ("Budget (EUR)", "-500", ["negativ"]),
    ("Jahre", "letztes Jahr", ["kein Jahr"]),
    ("Jahre", "2020-2017", ["Ungültiger Zeitraum"]),
    ("Jahre", "1850", ["zwischen 1990 und 2100"]),
    ("Praxisbeispiel", "vielleicht", ["ja", "nein"]),
]


@pytest.mark.parametrize(("column", "value", "words"), BAD_ROWS)
def test_each_kind_of_bad_cell_is_named_and_nothing_is_written(
    catalogue, sample_frame, column, value, words
):
    bad = sample_frame.copy()
    bad.loc[2, column] = value  # spreadsheet row 4 (header is row 1)
    result = import_catalogue(bad, catalogue)
    assert not result.ok
    assert not ToolPage.objects.exists()
    assert [(e.row, e.column) for e in result.errors] == [(4, column)]
    for word in words:
        assert word in result.errors[0].message
    assert str(result.errors[0]).startswith(f"Zeile 4, Spalte „{column}“: ")


def test_every_bad_row_is_reported_at_once(catalogue, sample_frame):
    bad = sample_frame.copy()
    bad.loc[0, "Status"] = "alt"
    bad.loc[1, "Handlungsfeld"] = "Unbekannt"
    bad.loc[3, "Jahre"] = "irgendwann"
    result = import_catalogue(bad, catalogue)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "Status"),
        (3, "Handlungsfeld"),
        (5, "Jahre"),
    ]
    assert not ToolPage.objects.exists()


def test_duplicate_ids_and_titles_in_one_file(catalogue, sample_frame):
    doubled = pd.concat([sample_frame, sample_frame.iloc[[0, 3]]], ignore_index=True)
    result = import_catalogue(doubled, catalogue)
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "Zeile 2" in messages[(6, "ID")]
    assert "Zeile 5" in messages[(7, "Werkzeug")]
    assert not ToolPage.objects.exists()


def test_missing_required_column_is_a_file_error(catalogue):
    frame = pd.DataFrame([{"Werkzeug": "A", "Status": "neu"}])
    result = import_catalogue(frame, catalogue)
    assert not result.ok and result.errors[0].row is None
    assert "Handlungsfeld" in result.errors[0].message


@pytest.mark.parametrize(
    ("sep", "encoding"),
    [(";", "utf-8"), (",", "utf-8"), (";", "utf-8-sig"), (";", "cp1252"), (",", "cp1252")],
)
def test_separators_and_encodings(catalogue, sep, encoding):
    raw = csv_bytes(
        [
            [
                "  handlungsfeld ",
                "WERKZEUG",
                "Status",
                "Budget (EUR)",
                "Zielgruppen",
                "Jahre",
                "praxisbeispiel",
            ],
            [
                "Gesundheit und Pflege",
                "Pflegestammtisch für Angehörige",
                "bestehend",
                "1.500,50",
                "Familien; Seniorinnen und Senioren",
                "2017-2018",
                "ja",
            ],
            ["Mobilitaet & Nahversorgung", "Mitfahrbänke", "neu", "", "", "2019", "nein"],
        ],
        sep=sep,
        encoding=encoding,
    )
    result = import_catalogue(read(raw), catalogue)
    assert result.ok, result.errors
    tool = ToolPage.objects.get(title="Pflegestammtisch für Angehörige")
    assert tool.budget_total == pytest.approx(1500.50)
    assert tool.primary_action_field.slug == "gesundheit-und-pflege"
    assert tool.years == "2017;2018"
    assert (
        ToolPage.objects.get(title="Mitfahrbänke").primary_action_field.slug
        == "mobilitaet-und-nahversorgung"
    )


def test_xlsx_file(catalogue, sample_frame):
    raw = frame_to_xlsx(sample_frame)
    result = import_catalogue(read(raw, "katalog.xlsx"), catalogue)
    assert result.ok and result.created == 4
    assert ToolPage.objects.get(import_id="BSP-001").budget_total == 12000


def test_formula_like_cells_stay_text_and_are_neutralised_on_export(catalogue):
    frame = pd.DataFrame(
        [
            {
                "Handlungsfeld": "Bildung",
                "Werkzeug": '=HYPERLINK("http://böse.example")',
                "Status": "neu",
                "Kurzbeschreibung": "+49 wählen",
                "Beteiligte": "@Verein",
            },
        ]
    )
    result = import_catalogue(frame, catalogue)
    assert result.ok, result.errors
    tool = ToolPage.objects.get()
    assert tool.title == '=HYPERLINK("http://böse.example")'
    exported = catalogue_frame(catalogue)
    csv_text = frame_to_csv(exported).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+49 wählen" in csv_text and "'@Verein" in csv_text
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(frame_to_xlsx(exported))).active
    titles = [cell.value for cell in sheet["C"]]
    assert titles[1] == '\'=HYPERLINK("http://böse.example")' and sheet["C2"].data_type == "s"
    # Re-importing our own export gives back the original text, not the apostrophe.
    other = catalogue.get_parent().add_child(instance=type(catalogue)(title="Kopie", slug="kopie"))
    assert import_catalogue(
        read(frame_to_csv(exported)), type(catalogue).objects.get(pk=other.pk)
    ).ok
    assert ToolPage.objects.filter(title='=HYPERLINK("http://böse.example")').count() == 2


def test_round_trip_export_then_import_into_empty_catalogue(
    catalogue, empty_catalogue, sample_frame
):
    import_catalogue(sample_frame, catalogue)
    exported = catalogue_frame(catalogue)
    assert list(exported.columns) == EXPORT_COLUMNS
    for raw, name in (
        (frame_to_csv(exported), "export.csv"),
        (frame_to_xlsx(exported), "export.xlsx"),
    ):
        result = import_catalogue(read(raw, name), empty_catalogue)
        assert result.ok, result.errors
    again = catalogue_frame(empty_catalogue)
    pd.testing.assert_frame_equal(
        exported.sort_values("Werkzeug").reset_index(drop=True),
        again.sort_values("Werkzeug").reset_index(drop=True),
    )
    # The second file (xlsx) found everything unchanged.
    assert ToolPage.objects.child_of(empty_catalogue).count() == 4


def test_import_names_a_known_person_as_contact(catalogue, sample_frame):
    from network.factories import PersonFactory

    person = PersonFactory(name="Erika Beispiel")
    import_catalogue(sample_frame, catalogue)
    assert ToolPage.objects.get(import_id="BSP-001").contact_id == person.pk
    assert ToolPage.objects.get(import_id="BSP-002").contact_id is None
    assert ToolPage.objects.get(import_id="BSP-002").contact_name == "Max Muster, Seniorenbeirat"
