"""Fixtures: the /projekte/ section, a small Kreis with Ortsteile, data tables good and bad."""

import io

import pandas as pd
import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from projects.datareports.storage import root_collection
from taxonomy.models import Region, RegionLevel

# A suppressed count must be findable if it leaks: the threshold is high and the values distinctive.
LEAK_THRESHOLD = 5000
SECRET_COUNT = 4711  # Drove: persons aged 80+ below the threshold
SECRET_POPULATION = 3999  # Boich: population below the threshold, the whole area is withheld
SECRET_SHARE = "31,4"  # Boich's share 65+, withheld with its area


@pytest.fixture
def section(site_tree):
    from projects.factories import section_page

    return section_page()


@pytest.fixture
def kreuzau(regions):
    """Gemeinde Kreuzau (Kreis Düren) with four Ortsteile."""
    kreis = Region.objects.get(code="05358")
    gemeinde, _ = Region.objects.get_or_create(
        code="05358028",
        defaults={
            "name": "Kreuzau",
            "level": RegionLevel.GEMEINDE,
            "kind": "Gemeinde",
            "parent": kreis,
        },
    )
    for number, name in enumerate(["Drove", "Stockheim", "Winden", "Boich"], start=1):
        Region.objects.get_or_create(
            code=f"05358028{number:03d}",
            defaults={
                "name": name,
                "level": RegionLevel.ORTSTEIL,
                "kind": "Ortsteil",
                "parent": gemeinde,
            },
        )
    return gemeinde


GOOD_CSV = (
    "Schlüssel;Ortsteil;Einwohner;Anteil 65+;Anzahl 80+;Durchschnittsalter;Veränderung seit 2010 in %\n"
    "05358028001;Drove;21.000;22,5;4711;44,1;-3,5\n"
    "05358028002;Stockheim;18.000;19,0;5321;41,0;2,0\n"
    "05358028003;Winden;15.000;25,0;6101;46,2;-6,1\n"
    f"05358028004;Boich;{SECRET_POPULATION};31,4;7013;48,3;1,2\n"
)


def csv_bytes(text):
    return text.encode("utf-8")


def xlsx_bytes(rows, columns):
    buffer = io.BytesIO()
    pd.DataFrame(rows, columns=columns).to_excel(buffer, index=False)
    return buffer.getvalue()


@pytest.fixture
def good_csv():
    return csv_bytes(GOOD_CSV)


def make_document(title, content, filename, collection=None):
    Document = get_document_model()
    document = Document(title=title, collection=collection or root_collection())
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


@pytest.fixture
def data_report(section, kreuzau, good_csv):
    """A published data report for Kreuzau, imported from GOOD_CSV through the page's clean()."""
    from projects.models import DataReportPage

    page = DataReportPage(
        title="Datencheck Kreuzau",
        slug="datencheck-kreuzau",
        region=kreuzau,
        summary="Kennzahlen für die Ortsteile von Kreuzau.",
        source="Einwohnermeldeamt Kreuzau",
        threshold=LEAK_THRESHOLD,
        data_file=make_document("Datencheck Kreuzau Tabelle", good_csv, "kreuzau.csv"),
        chart_indicators="Anteil 65+; Anzahl 80+; Veränderung seit 2010 in %",
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
