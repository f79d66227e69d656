"""The region tree: shipped data, ancestors/descendants, imports of good and bad files, lookups."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from taxonomy.lookup import LookupError_, resolve_region
from taxonomy.models import Region, RegionLevel

pytestmark = pytest.mark.django_db


def test_all_laender_and_kreise_are_loaded_with_parents():
    assert Region.objects.laender().count() == 16
    assert Region.objects.kreise().count() == 401
    orphans = Region.objects.exclude(level=RegionLevel.LAND).filter(parent__isnull=True)
    assert not orphans.exists()
    for kreis in Region.objects.kreise().select_related("parent"):
        assert kreis.code.startswith(kreis.parent.code)
        assert kreis.parent.level in (RegionLevel.LAND, RegionLevel.REGIERUNGSBEZIRK)


def test_ancestors_and_descendants():
    dueren = Region.objects.get(code="05358")
    assert [r.code for r in dueren.ancestors()] == ["05", "053"]
    assert dueren.ancestor_codes == ["05", "053", "05358"]
    assert dueren.land.name == "Nordrhein-Westfalen"
    nrw = Region.objects.get(code="05")
    assert nrw.descendants().filter(code="05358").exists()
    assert nrw.descendants().kreise().count() == 53
    assert not nrw.descendants().filter(code="05").exists()
    assert nrw.descendants(include_self=True).filter(code="05").exists()


def test_load_regions_is_idempotent():
    out = io.StringIO()
    call_command("load_regions", stdout=out, verbosity=0)
    assert "0 neu, 0 geändert, 446 unverändert" in out.getvalue()
    assert Region.objects.count() == 446


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_import_plain_csv_creates_gemeinden_and_is_idempotent(tmp_path):
    path = write(
        tmp_path,
        "gemeinden.csv",
        "code;name;level\n05358008;Düren, Stadt;Gemeinde\n05334032;Stolberg (Rhld.), Stadt;4\n",
    )
    out = io.StringIO()
    call_command("import_regions", str(path), stdout=out, verbosity=0)
    assert "2 neu" in out.getvalue()
    stolberg = Region.objects.get(code="05334032")
    assert stolberg.parent.code == "05334"
    assert stolberg.level == RegionLevel.GEMEINDE
    out = io.StringIO()
    call_command("import_regions", str(path), stdout=out, verbosity=0)
    assert "0 neu, 0 geändert, 2 unverändert" in out.getvalue()


def test_import_bad_csv_names_every_row_and_writes_nothing(tmp_path):
    path = write(
        tmp_path,
        "kaputt.csv",
        "code;name;level\n05358008;Düren, Stadt;Gemeinde\nABC;Irgendwo;Gemeinde\n99999999;Nirgendwo;Gemeinde\n05358012;;Gemeinde\n05358016;Jülich;Kreis\n",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"4 Fehler in 4 Zeile\(n\); nichts wurde gespeichert"):
        call_command("import_regions", str(path), stderr=err, verbosity=0)
    report = err.getvalue()
    assert "Zeile 3" in report and "kein amtlicher Schlüssel" in report
    assert "Zeile 4" in report and "übergeordnete Region" in report
    assert "Zeile 5" in report and "Name fehlt" in report
    assert "Zeile 6" in report and "passt nicht" in report
    assert not Region.objects.filter(code="05358008").exists()


def test_import_destatis_xlsx_as_published(tmp_path):
    """A file laid out like Destatis' 04-kreise.xlsx: title rows, interleaved Länder and Kreise."""
    book = openpyxl.Workbook()
    book.active.title = "Deckblatt"
    sheet = book.create_sheet("Kreisfreie Städte u. Landkreise")
    sheet.append(
        ["Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte"]
    )
    sheet.append(["Gebietsstand: 31.12.2018"])
    sheet.append(["Schlüssel-nummer", "Regionale Bezeichnung", "Kreisfreie Stadt", "NUTS3"])
    sheet.append(["01", "Schleswig-Holstein"])
    sheet.append(["01001", "Kreisfreie Stadt", "Flensburg, Stadt (neu)", "DEF01"])
    sheet.append(["05", "Nordrhein-Westfalen"])
    sheet.append(["053", "Reg.-Bez. Köln"])
    sheet.append(["05358", "Kreis", "Düren", "DEA26"])
    sheet.append(["Fußnote ohne Schlüssel"])
    path = tmp_path / "04-kreise.xlsx"
    book.save(path)
    out = io.StringIO()
    call_command("import_regions", str(path), stdout=out, verbosity=0)
    assert "1 geändert" in out.getvalue() and "4 unverändert" in out.getvalue()
    assert Region.objects.get(code="01001").name == "Flensburg, Stadt (neu)"


def test_resolve_region_by_code_or_name():
    assert resolve_region("05358").name == "Düren"
    assert resolve_region("5358").code == "05358"  # Excel dropped the leading zero
    assert resolve_region("Kreis Düren").code == "05358"
    assert resolve_region("nordrhein westfalen").code == "05"
    assert resolve_region("Landkreis Rosenheim").code == "09187"
    assert resolve_region("Berlin").code == "11000"
    with pytest.raises(LookupError_, match="mehrdeutig.*09163.*09187"):
        resolve_region("Rosenheim")
    with pytest.raises(LookupError_, match="Unbekannte Region"):
        resolve_region("Atlantis")
