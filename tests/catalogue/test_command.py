"""manage.py import_catalogue: good file, bad file, dry run, unknown catalogue."""

import io

import pytest
from django.core.management import CommandError, call_command

from catalogue.models import ToolPage

from .conftest import SAMPLE

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalogue", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_dry_run_then_real_then_again(catalogue):
    out, _ = run(str(SAMPLE), "--catalogue", catalogue.slug, "--dry-run")
    assert "Probelauf" in out and "4 neu" in out
    assert not ToolPage.objects.exists()
    out, _ = run(str(SAMPLE), "--catalogue", catalogue.slug)
    assert "4 neu, 0 geändert, 0 unverändert" in out
    out, _ = run(str(SAMPLE), "--catalogue", catalogue.slug)
    assert "0 neu, 0 geändert, 4 unverändert" in out


def test_bad_file_lists_rows_and_writes_nothing(catalogue, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(";neu;", ";frisch;"), encoding="cp1252"
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command(
            "import_catalogue",
            str(bad),
            "--catalogue",
            catalogue.slug,
            stderr=err,
            stdout=io.StringIO(),
        )
    assert str(info.value) == "2 Fehler in 2 Zeile(n); nichts wurde gespeichert."
    assert (
        "Zeile 3, Spalte „Status“" in err.getvalue()
        and "Zeile 4, Spalte „Status“" in err.getvalue()
    )
    assert not ToolPage.objects.exists()


def test_unknown_catalogue_and_missing_file(catalogue):
    with pytest.raises(CommandError, match="Kein Werkzeugkatalog"):
        run(str(SAMPLE), "--catalogue", "gibt-es-nicht")
    with pytest.raises(CommandError):
        run("/nicht/da.csv", "--catalogue", catalogue.slug)
