"""What search receives for tools and visions; unpublished things are not findable."""

import pytest

from catalogue.importer import import_catalogue
from catalogue.models import FutureVision, ToolPage, WorkshopPlanPage
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


def test_a_werkstattplan_is_found_by_its_rows_as_its_own_kind(module_demo, db):
    """Rows, planned tools, years and action fields make the plan findable; the row's
    Ansprechperson (personal data) and a tool the public may not open do not."""
    from wagtail.models import PageViewRestriction

    from catalogue.models import WorkshopPlanPage
    from catalogue.search_adapters import WorkshopPlanAdapter
    from search.contract import SearchRequest
    from search.indexing import index_object
    from search.service import search_with_fallback

    plan = WorkshopPlanPage.objects.get(slug="werkstattplan-musterkommune")
    assert isinstance(adapter_for(WorkshopPlanPage), WorkshopPlanAdapter)
    tool = ToolPage.objects.get(title="Runder Tisch Demografie")
    assert "Runder Tisch Demografie" in WorkshopPlanAdapter().to_document(plan).body
    PageViewRestriction.objects.create(page=tool, restriction_type="password", password="x")
    plan = WorkshopPlanAdapter().batch_queryset(WorkshopPlanPage).get(pk=plan.pk)
    doc = WorkshopPlanAdapter().to_document(plan)
    assert doc.kind == "werkstattplan" and KINDS["werkstattplan"] == "Werkstattplan"
    assert "Fachabteilungen im Landratsamt" in doc.body  # a row's description
    assert "Projektschulung und Klärung von Schnittstellen" in doc.body  # a further step
    assert "ganzer Landkreis" in doc.body and "2017" in doc.body
    assert "Beispielmann" not in doc.body + doc.summary
    assert "Runder Tisch Demografie" not in doc.body  # behind a password now
    assert doc.facets["jahr"] == ["2017", "2018", "2019", "2020"]
    assert "demografienetzwerk-und-verwaltung" in doc.facets["handlungsfeld"]
    assert (doc.date.isoformat(), doc.date_precision) == ("2017-01-01", "jahr")

    index_object(plan)
    response = search_with_fallback(
        SearchRequest(q="Schnittstellen Fachabteilungen", filters={"art": ("werkstattplan",)})
    )
    assert [hit.title for hit in response.hits] == ["Werkstattplan Musterkommune"]
    kinds = {b.value: b.label for b in response.facets["art"]}
    assert kinds["werkstattplan"] == "Werkstattplan"


def test_a_renamed_or_restricted_tool_renews_the_plans_that_name_it(
    module_demo, db, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    from search.indexing import index_object
    from search.models import SearchDocument

    plan = WorkshopPlanPage.objects.get(slug="werkstattplan-musterkommune")
    index_object(plan)
    plan_text = SearchDocument.objects.filter(key=f"catalogue.workshopplanpage:{plan.pk}")
    tool = ToolPage.objects.get(title="Runder Tisch Demografie")
    with django_capture_on_commit_callbacks(execute=True):
        tool.title = "Demografie-Tisch des Kreises"
        tool.save_revision().publish()
    assert "Demografie-Tisch des Kreises" in plan_text.get().body
    assert "Runder Tisch Demografie" not in plan_text.get().body
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=tool, restriction_type="password", password="x")
    assert "Demografie-Tisch des Kreises" not in plan_text.get().body
