"""Catalogue fixtures: the /werkzeuge/ section, an empty catalogue, files in every accepted form."""

import io
from pathlib import Path

import pandas as pd
import pytest

from catalogue.models import CatalogueIndexPage, CatalogueSectionPage
from taxonomy.models import Region
from werkstatt.demo import ensure_child
from werkstatt.spreadsheets import read_table

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "site"
    / "catalogue"
    / "samples"
    / "werkzeuge-beispiel.csv"
)


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """The site tree and the catalogue demo, built once per test module that asks for it and
    rolled back after it (each test requests `db` for its own savepoint on top)."""
    from catalogue.demo import load
    from tests.conftest import Quiet, module_transaction
    from werkstatt import demo as site_demo

    with module_transaction(django_db_blocker):
        site_demo.load(Quiet())
        load(Quiet())
        yield


@pytest.fixture
def section(site_tree):
    page, _ = ensure_child(
        site_tree, CatalogueSectionPage, "werkzeuge", title="Werkzeuge", show_in_menus=True
    )
    return page


@pytest.fixture
def catalogue(section):
    page, _ = ensure_child(
        section,
        CatalogueIndexPage,
        "katalog-dueren",
        title="Werkzeugkatalog Kreis Düren",
        owner_region=Region.objects.get(code="05358"),
    )
    return page


@pytest.fixture
def empty_catalogue(section):
    page, _ = ensure_child(section, CatalogueIndexPage, "leer", title="Leerer Katalog")
    return page


@pytest.fixture
def sample_bytes():
    return SAMPLE.read_bytes()


@pytest.fixture
def sample_frame(sample_bytes):
    return read_table(io.BytesIO(sample_bytes), filename="beispiel.csv")


def frame_of(rows, columns=None):
    """A DataFrame as read_table would return it (strings, '' for empty)."""
    frame = pd.DataFrame(rows, columns=columns).fillna("").astype(str)
    return frame


def csv_bytes(rows, sep=";", encoding="utf-8"):
    """Rows (first is the header) as CSV bytes in a given separator and encoding."""
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)
