"""What search receives for tools and visions; unpublished things are not findable."""

import pytest

from catalogue.importer import import_catalogue
from catalogue.models import FutureVision, ToolPage
from catalogue.search_adapters import FutureVisionAdapter, ToolAdapter
from search.contract import FACETS, KINDS
from search.registry import adapter_for
from taxonomy.models import ActionField

pytestmark = pytest.mark.django_db


def test_adapters_are_registered():
    assert isinstance(adapter_for(ToolPage), ToolAdapter)
    assert isinstance(adapter_for(FutureVision), FutureVisionAdapter)


def test_tool_document_has_kind_and_facets(catalogue, sample_frame):
    import_catalogue(sample_frame, catalogue)
    tool = ToolPage.objects.get(import_id="BSP-002")
    tool.tool_sheets = [("sheet", {"year": 2021, "measures": [], "remarks": ""})]
    tool.save_revision().publish()
    doc = ToolAdapter().to_document(ToolPage.objects.get(pk=tool.pk))
    assert doc.kind == "werkzeug" and doc.kind in KINDS
    assert doc.title == "Wohnlotsen" and doc.url.endswith("/wohnlotsen/")
    assert set(doc.facets) <= set(FACETS)
    assert doc.facets["handlungsfeld"] == ["leben-und-wohnen"]
    assert doc.facets["status"] == ["neu"]
    assert doc.facets["zielgruppe"] == ["seniorinnen-und-senioren"]
    assert sorted(doc.facets["schlagwort"]) == ["Ehrenamt", "Wohnberatung"]
    assert doc.facets["jahr"] == ["2018", "2019", "2021"]
    # the content's date is the first year of use, not the day the page was published
    assert (doc.date.isoformat(), doc.date_precision) == ("2018-01-01", "jahr")
    assert doc.facets["region"] == ["05358"]
    assert "Pilot in zwei Gemeinden" in doc.body
    assert "Max Muster" not in doc.body + doc.summary  # the imported contact text is internal


def test_unpublished_tool_is_not_findable(catalogue, sample_frame):
    import_catalogue(sample_frame, catalogue)
    tool = ToolPage.objects.get(import_id="BSP-001")
    tool.unpublish()
    assert ToolAdapter().to_document(ToolPage.objects.get(pk=tool.pk)) is None


def test_vision_document(catalogue):
    vision = FutureVision.objects.create(
        catalogue=catalogue,
        action_field=ActionField.objects.get(slug="bildung"),
        text="<p>Lernen <b>hört</b> nie auf.</p>",
    )
    doc = FutureVisionAdapter().to_document(vision)
    assert doc.kind == "zukunftsbild"
    assert doc.summary == "Lernen hört nie auf."
    assert doc.facets == {"handlungsfeld": ["bildung"], "region": ["05358"]}
    assert doc.url.endswith("/katalog-dueren/#af-bildung-title")
    catalogue.unpublish()
    assert FutureVisionAdapter().to_document(FutureVision.objects.get(pk=vision.pk)) is None


def test_imported_tools_reach_the_search_projection(
    catalogue, sample_frame, django_capture_on_commit_callbacks
):
    from search.models import SearchDocument

    with django_capture_on_commit_callbacks(execute=True):
        import_catalogue(sample_frame, catalogue)
    keys = set(SearchDocument.objects.filter(kind="werkzeug").values_list("title", flat=True))
    assert {
        "Bürgerbus im Nordkreis",
        "Wohnlotsen",
        "Runder Tisch Demografie",
        "Seniorenakademie",
    } <= keys
