"""Factories smoke test, the import command, charts as standalone SVG, the demo content."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.core.management import CommandError, call_command

from projects import factories
from projects.datareports.charts import bar_chart
from projects.datareports.publication import publish
from projects.models import DataReportPage, ProjectPage, ReportPage

from .conftest import GOOD_CSV

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def test_every_factory_builds(section):
    for factory in (
        factories.DocumentFactory,
        factories.ProjectPageFactory,
        factories.ProjectPhaseFactory,
        factories.WorkingGroupFactory,
        factories.ReportPageFactory,
        factories.DataReportPageFactory,
    ):
        obj = factory()
        assert obj.pk, factory


def test_chart_is_valid_svg_with_title_description_and_negative_bars():
    data = {
        "indicators": [{"key": "v", "label": "Veränderung in %", "kind": "change", "unit": "%"}],
        "areas": [
            {"code": "1", "name": "Nord & Süd <Alt>", "values": {"v": 4.5}},
            {"code": "2", "name": "Mitte", "values": {"v": -2.25}},
            {"code": "3", "name": "Ost", "values": {"v": None}},
        ],
        "whole": {"code": "0", "name": "Stadt", "values": {"v": 1.0}},
    }
    svg = bar_chart(publish(data), "v", "chart-v")
    root = ET.fromstring(svg)  # noqa: S314 (our own SVG)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-v-title chart-v-desc"
    assert root.find(f"{SVG}title").text == "Veränderung in % nach Gebiet"
    desc = root.find(f"{SVG}desc").text
    assert "Gesamtwert Stadt: 1,0 %." in desc
    assert (
        "Nord & Süd <Alt>: 4,5 %" in desc
        and "Mitte: -2,2 %" in desc
        and "Ost: keine Angabe" in desc
    )
    bars = root.findall(f"{SVG}rect")
    assert [b.get("class") for b in bars] == ["chart__bar", "chart__bar chart__bar--negative"]
    assert float(bars[1].get("x")) < float(bars[0].get("x"))  # the negative bar grows to the left
    assert "style" not in svg


def test_import_command_all_or_nothing(data_report, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Ortsteil;Einwohner\nDrove;x\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(
        CommandError, match=r"^1 Fehler in 1 Zeile\(n\); nichts wurde gespeichert\.$"
    ):
        call_command("import_data_report", data_report.slug, str(bad), stderr=err)
    assert "Zeile 2, Spalte „Einwohner“: „x“ ist keine Zahl." in err.getvalue()
    data_report.refresh_from_db()
    assert len(data_report.data["areas"]) == 4

    good = tmp_path / "good.csv"
    good.write_text("Ortsteil;Einwohner\nDrove;1500\nWinden;900\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Unbekannte Kennzahl: Anteil 65\\+"):
        call_command("import_data_report", data_report.slug, str(good))
    data_report.chart_indicators = ""
    data_report.save_revision().publish()
    out = io.StringIO()
    call_command(
        "import_data_report", str(data_report.pk), str(good), "--stichtag", "2024-12-31", stdout=out
    )
    assert "2 Gebiete übernommen" in out.getvalue()
    data_report.refresh_from_db()
    assert [a["name"] for a in data_report.data["areas"]] == ["Drove", "Winden"]
    assert str(data_report.reference_date) == "2024-12-31"
    with pytest.raises(CommandError, match="Kein Datenbericht"):
        call_command("import_data_report", "gibt-es-nicht", str(good))


def test_demo_content_is_complete_and_idempotent(site_tree):
    from projects import demo

    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    stolberg = ProjectPage.objects.get(slug="soziale-kupferstadt-2030")
    assert stolberg.working_groups.count() == 7
    assert {"befragung-online", "befragung-offline"} <= set(stolberg.participation_formats)
    luedenscheid = ProjectPage.objects.get(slug="demografiekonzept-luedenscheid")
    assert luedenscheid.phases.count() == 4
    assert {p.start.year for p in luedenscheid.phases.all()} | {
        p.end.year for p in luedenscheid.phases.all()
    } == {2020, 2021}
    kinds = set(ReportPage.objects.values_list("kind", flat=True))
    assert {"abschlussbericht", "veranstaltungsdokumentation", "sozialbericht"} <= kinds
    assert ReportPage.objects.filter(kind="veranstaltungsdokumentation").count() == 2
    datencheck = DataReportPage.objects.get(slug="datencheck-2020-kreis-dueren")
    assert len(datencheck.data["areas"]) >= 20
    assert datencheck.live and datencheck.publication().suppressed > 0
    assert ProjectPage.objects.count() == 2 and DataReportPage.objects.count() == 1
    assert all(
        r.report_file and r.report_file.file.read(5) == b"%PDF-" for r in ReportPage.objects.all()
    )


def test_good_csv_fixture_matches_the_documented_format():
    assert GOOD_CSV.splitlines()[0].startswith("Schlüssel;Ortsteil;Einwohner")
