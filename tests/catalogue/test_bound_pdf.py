"""The bound catalogue (PDF): poppler renders it, the contents' page numbers point at the right
pages, every page has its number and the source address, and it is cached until the catalogue
changes. Needs poppler-utils (pdftoppm, pdftotext, pdfinfo; installed by .ci/run)."""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from catalogue.demo import load
from catalogue.models import CatalogueIndexPage
from tests.conftest import Quiet

pytestmark = pytest.mark.django_db

URL = "/werkzeuge/werkzeugkatalog-kreis-dueren/pdf/"
LEADER = re.compile(r"^\s*(?P<name>\S.*?)\s*\.{5,}\s*(?P<page>\d+)\s*$")


def _poppler(tool):
    if shutil.which(tool) is None:
        if os.environ.get("WERKSTATT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{tool} fehlt (apt-get install poppler-utils)")
        pytest.skip(f"{tool} nicht installiert (poppler-utils)")
    return tool


def _run(*args):
    return subprocess.run(args, capture_output=True, check=True, timeout=120, text=True).stdout


@pytest.fixture
def demo(site_tree, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load(Quiet())
    return CatalogueIndexPage.objects.get(slug="werkzeugkatalog-kreis-dueren")


def _pages(pdf):
    """The text of every page (pdftotext -layout), index 0 = page 1. One run for the whole
    document, not one per page: each page's text ends in a form feed, as a one-page run gives."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "katalog.pdf"
        path.write_bytes(pdf)
        info = _run(_poppler("pdfinfo"), str(path))
        count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        text = _run("pdftotext", "-layout", str(path), "-")
    *pages, rest = (page + "\f" for page in text.split("\f"))
    assert len(pages) == count and rest == "\f", (len(pages), count, rest)
    return info, pages


def _flat(text):
    return " ".join(text.split())


def test_bound_catalogue_renders_with_contents_page_numbers_and_footer(demo, member):
    response = Client().get(demo.url)
    assert f'href="{URL}"' in response.content.decode()

    response = Client().get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="werkzeugkatalog-kreis-dueren.pdf"'
    )
    pdf = response.content
    assert pdf.startswith(b"%PDF-")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "katalog.pdf"
        path.write_bytes(pdf)
        _run(_poppler("pdftoppm"), "-r", "20", "-png", str(path), str(Path(folder) / "seite"))
        images = sorted(Path(folder).glob("seite-*.png"))
        assert images and all(image.stat().st_size > 0 for image in images)

    info, pages = _pages(pdf)
    assert len(images) == len(pages) > 30
    assert re.search(r"^Title:\s+Werkzeugkatalog Kreis Düren$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)

    cover = _flat(pages[0])
    assert "Werkzeugkatalog Kreis Düren" in cover and "Stand:" in cover and "Seite" not in cover

    entries = [
        (match["name"], int(match["page"]))
        for number, text in enumerate(pages)
        for match in map(LEADER.match, text.splitlines())
        if match
    ]
    tools = list(demo.tools())
    fields = {tool.primary_action_field.name for tool in tools}
    assert len(entries) == len(tools) + len(fields)
    names = [name for name, _ in entries]
    assert fields <= set(names)
    last = 0
    for name, page in entries:
        assert page >= last, "contents in page order"
        last = page
        assert _flat(name) in _flat(pages[page - 1]), f"„{name}“ nicht auf Seite {page}"

    source = "Quelle: http://testserver/werkzeuge/werkzeugkatalog-kreis-dueren/"
    for number, text in enumerate(pages[1:], start=2):
        assert f"Seite {number} von {len(pages)}" in text, number
        assert source in text, number
    everything = _flat(" ".join(pages))
    assert "Zukunftsbild" in everything
    assert "Status: bestehend" in everything and "Status: neu" in everything


def test_cached_until_the_catalogue_changes_and_restricted_tools_stay_out(demo, member):
    tool = demo.tools().first()
    PageViewRestriction.objects.create(page=tool, restriction_type=PageViewRestriction.LOGIN)
    anonymous = Client().get(URL)
    assert anonymous["X-Werkstatt-PDF"] == "neu"
    assert tool.title not in _flat(" ".join(_pages(anonymous.content)[1]))

    signed_in = Client()
    signed_in.force_login(member)  # no page cache for members: this is the PDF cache
    first = signed_in.get(URL)
    assert first["X-Werkstatt-PDF"] == "neu"  # members may see the restricted tool
    assert tool.title in _flat(" ".join(_pages(first.content)[1]))
    assert signed_in.get(URL)["X-Werkstatt-PDF"] == "cache"

    other = demo.tools().last()
    other.title = "Neuer Titel im Katalog"
    other.save_revision().publish()
    changed = signed_in.get(URL)
    assert changed["X-Werkstatt-PDF"] == "neu"
    assert "Neuer Titel im Katalog" in _flat(" ".join(_pages(changed.content)[1]))
