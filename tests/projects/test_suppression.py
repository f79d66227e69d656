"""Small-cell protection: withheld counts appear in no output (HTML, SVG, CSV, XLSX, search)."""

import io
import re
import xml.etree.ElementTree as ET

import openpyxl
import pytest

from projects.datareports.publication import publish
from projects.search_adapters import DataReportAdapter

from .conftest import SECRET_COUNT, SECRET_POPULATION, SECRET_SHARE

pytestmark = pytest.mark.django_db

SECRETS = [
    str(SECRET_COUNT),
    "4.711",
    str(SECRET_POPULATION),
    "3.999",
    SECRET_SHARE,
    "31.4",
    "7013",
    "7.013",
]
SVG = "{http://www.w3.org/2000/svg}"


def main_html(client, page, query=""):
    response = client.get(page.url + query)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def cells_of_row(html, name):
    row = re.search(rf'<th scope="row">{name}</th>(.*?)</tr>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_html_table_withholds_small_counts_and_small_areas(client, data_report):
    html = main_html(client, data_report)
    for secret in SECRETS:
        assert secret not in html, secret
    drove = cells_of_row(html, "Drove")
    # Einwohner, Anteil 65+ (+diff), Anzahl 80+, Durchschnittsalter (+diff), Veränderung (+diff)
    assert drove[0] == "21.000"
    assert drove[3] == "geschützt"
    boich = cells_of_row(html, "Boich")
    assert [c for c in boich if c] == ["geschützt"] * 5
    assert "Personenzahlen unter 5000 werden nicht veröffentlicht" in html
    assert "In diesem Bericht sind 7 Werte geschützt." in html


def test_sorting_by_a_count_does_not_reveal_the_order_of_withheld_values(client, data_report):
    html = main_html(client, data_report, "?sortierung=anzahl-80-plus&richtung=ab")
    names = re.findall(r'<th scope="row">([^<]+)</th>', html)
    # Published values first (largest first), withheld ones last and alphabetically.
    assert names[:4] == ["Winden", "Stockheim", "Boich", "Drove"]
    assert 'aria-sort="descending"' in html


def test_svg_charts_withhold_values(client, data_report):
    html = main_html(client, data_report)
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        root = ET.fromstring(svg)  # noqa: S314 (our own SVG)
        text = " ".join(root.itertext())
        for secret in SECRETS:
            assert secret not in text
    count_chart = ET.fromstring(svgs[1])  # noqa: S314 (our own SVG)
    assert count_chart.find(f"{SVG}title").text == "Anzahl 80+ nach Gebiet"
    desc = count_chart.find(f"{SVG}desc").text
    assert "Drove: geschützt" in desc and "Boich: geschützt" in desc
    assert "Winden: 6.101 Personen" in desc
    assert len(count_chart.findall(f"{SVG}rect")) == 2  # only the published bars


def test_csv_download_withholds_values(client, data_report):
    response = client.get(data_report.url + "download/csv/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="datencheck-kreuzau.csv"'
    text = response.content.decode("utf-8-sig")
    for secret in SECRETS:
        assert secret not in text
    rows = [line.split(";") for line in text.strip().splitlines()]
    header = rows[0]
    drove = next(r for r in rows if r[1] == "Drove")
    assert drove[header.index("Anzahl 80+ (Personen)")] == "geschützt"
    assert drove[header.index("Anteil 65+ (%)")] == "22,5"
    # A negative difference is a number, not a defused formula.
    assert drove[header.index("Veränderung seit 2010 in %")] == "-3,5"


def test_xlsx_download_withholds_values(client, data_report):
    response = client.get(data_report.url + "download/xlsx/")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    flat = [str(v) for row in values for v in row if v is not None]
    for secret in ("4711", "3999", "31.4", "7013"):
        assert secret not in flat
    header = values[0]
    stockheim = next(r for r in values if r[1] == "Stockheim")
    assert stockheim[header.index("Anzahl 80+ (Personen)")] == 5321
    boich = next(r for r in values if r[1] == "Boich")
    assert boich[header.index("Einwohner (Personen)")] == "geschützt"


def test_search_document_has_no_figures(data_report):
    document = DataReportAdapter().to_document(data_report)
    assert document.kind == "datenbericht"
    text = " ".join([document.title, document.summary, document.body])
    assert "Drove" in text and "Anzahl 80+" in text
    for secret in SECRETS:
        assert secret not in text


def test_secondary_suppression_when_one_value_could_be_recovered_from_the_total():
    data = {
        "indicators": [{"key": "n", "label": "Anzahl", "kind": "count", "unit": "Personen"}],
        "areas": [
            {"code": "1", "name": "A", "values": {"n": 2}},
            {"code": "2", "name": "B", "values": {"n": 10}},
            {"code": "3", "name": "C", "values": {"n": 40}},
        ],
        "whole": {"code": "0", "name": "Gesamt", "values": {"n": 52}},
    }
    publication = publish(data, threshold=3)
    shown = {r.name: r.cells["n"].display for r in publication.rows}
    assert shown == {"A": "geschützt", "B": "geschützt", "C": "40"}
    assert publication.whole.cells["n"].display == "52"


def test_a_small_total_is_withheld_and_zero_is_small():
    data = {
        "indicators": [{"key": "n", "label": "Anzahl", "kind": "count", "unit": "Personen"}],
        "areas": [
            {"code": "1", "name": "A", "values": {"n": 0}},
            {"code": "2", "name": "B", "values": {"n": 1}},
        ],
        "whole": {"code": "0", "name": "Gesamt", "values": {"n": 1}},
    }
    publication = publish(data, threshold=3)
    assert [r.cells["n"].display for r in publication.rows] == ["geschützt", "geschützt"]
    assert publication.whole.cells["n"].display == "geschützt"


def test_search_index_row_and_search_results_have_no_figures(
    client, section, kreuzau, good_csv, django_capture_on_commit_callbacks
):
    """The projection written on publish (what the search backends read) holds no figures."""
    from projects.models import DataReportPage
    from search.models import SearchDocument

    from .conftest import LEAK_THRESHOLD, make_document

    with django_capture_on_commit_callbacks(execute=True):
        page = DataReportPage(
            title="Datencheck Kreuzau",
            slug="datencheck-kreuzau",
            region=kreuzau,
            threshold=LEAK_THRESHOLD,
            data_file=make_document("Tabelle", good_csv, "kreuzau.csv"),
        )
        section.add_child(instance=page)
        page.save_revision().publish()
    row = SearchDocument.objects.get(key=f"projects.datareportpage:{page.pk}")
    stored = " ".join([row.title, row.summary, row.body, str(row.facets)])
    assert "Drove" in stored
    for secret in SECRETS:
        assert secret not in stored
    html = client.get("/suche/?q=4711").content.decode()
    assert "Datencheck Kreuzau" not in html
    assert "Datencheck Kreuzau" in client.get("/suche/?q=Drove").content.decode()
