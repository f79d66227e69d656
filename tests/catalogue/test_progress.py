"""Progress per tool and year, proven practice, and single measures as the search kind „Maßnahme“."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from catalogue import demo as catalogue_demo
from catalogue.models import Measure, ToolPage, ToolProgress
from catalogue.models.progress import budget_band, progress_chart, review_due_before
from catalogue.wagtail_hooks import reviews_due
from network import demo as network_demo
from search.contract import BUDGET_BANDS, PROGRESS_STATES, QUALITY_STATUSES
from search.indexing import rebuild
from tests.conftest import Quiet, module_transaction


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """Site tree, network and catalogue demo and their search documents, built once per module."""
    from django.test import TestCase

    from werkstatt import demo as site_demo

    with module_transaction(django_db_blocker):
        # Run the after-commit indexing of the demo now, so later changes start a batch of their own.
        with TestCase.captureOnCommitCallbacks(execute=True):
            site_demo.load(Quiet())
            network_demo.load(Quiet())
            catalogue_demo.load(Quiet())
        rebuild()
        yield


@pytest.fixture
def demo(module_demo, db):
    """The module's demo inside this test's savepoint."""


def api(client, **params):
    response = client.get("/api/v1/suche/", params)
    assert response.status_code == 200, response.content
    return response.json()


def counts(data, facet):
    return {b["value"]: b["count"] for b in data["facets"][facet]["buckets"]}


# --- pure functions -------------------------------------------------------------------------


def test_budget_bands_have_inclusive_middle_and_match_the_search_vocabulary():
    assert budget_band(None) == ""
    assert budget_band(Decimal("0")) == "unter-1000"
    assert budget_band(Decimal("999.99")) == "unter-1000"
    assert budget_band(Decimal("1000")) == "1000-10000"
    assert budget_band(Decimal("10000")) == "1000-10000"
    assert budget_band(Decimal("10000.01")) == "ueber-10000"
    assert {budget_band(Decimal(v)) for v in ("1", "5000", "50000")} == set(BUDGET_BANDS)


def test_progress_and_quality_vocabularies_agree_with_search():
    from catalogue.models import ProgressState, QualityStatus

    assert list(ProgressState.values) == list(PROGRESS_STATES)
    assert list(QualityStatus.values) == list(QUALITY_STATUSES)


def test_progress_chart_stacks_states_per_year_by_hand():
    a = ToolProgress(year=2018, state="begonnen")
    b = ToolProgress(year=2019, state="umgesetzt")
    c = ToolProgress(year=2019, state="begonnen")
    rows = [
        ("A", [(2018, a), (2019, b), (2020, None)]),
        ("B", [(2018, None), (2019, c), (2020, None)]),
    ]
    chart = progress_chart(rows, [2018, 2019, 2020])
    assert chart["highest"] == 2
    first, second, third = chart["bars"]
    assert (first["total"], second["total"], third["total"]) == (1, 2, 0)
    # 2019: two tools, full height 120: begonnen at the bottom (60 high), umgesetzt above it.
    assert [(s["state"], s["y"], s["height"]) for s in second["segments"]] == [
        ("begonnen", 60.0, 60.0),
        ("umgesetzt", 0.0, 60.0),
    ]
    assert [(s["state"], s["y"], s["height"]) for s in first["segments"]] == [
        ("begonnen", 60.0, 60.0)
    ]
    assert chart["legend"] == [("begonnen", "begonnen"), ("umgesetzt", "umgesetzt")]
    assert progress_chart([("A", [(2018, None)])], [2018]) is None


def test_review_is_due_after_two_years():
    today = datetime.date(2026, 11, 30)
    assert review_due_before(today) == datetime.date(2024, 11, 30)
    assert review_due_before(datetime.date(2028, 2, 29)) == datetime.date(2026, 2, 28)


# --- with the demo --------------------------------------------------------------------------


def test_quality_status_needs_its_evidence(demo):
    tool = ToolPage.objects.get(title="Mitfahrbänke")
    tool.quality_status = "evaluiert"
    with pytest.raises(ValidationError) as error:
        tool.full_clean()
    assert "evaluation_document" in error.value.message_dict
    tool.quality_status = "geprueft"
    with pytest.raises(ValidationError) as error:
        tool.full_clean()
    assert "reviewed_at" in error.value.message_dict
    tool.reviewed_at = datetime.date.today()
    tool.full_clean()


def test_reviews_older_than_two_years_are_due_on_the_dashboard(demo, client, editor):
    due = [page.title for page in reviews_due(today=datetime.date(2026, 11, 30))]
    assert due == ["Bürgerbus Rureifel"]  # 2023-05-10; Seniorenakademie 2025-09-01 is not due
    assert reviews_due(today=datetime.date(2027, 9, 2))[1].title == "Seniorenakademie"
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Bewährte Praxis: Prüfung fällig" in html
    assert "Bürgerbus Rureifel" in html


def test_tool_page_shows_progress_and_quality_badge(demo, client):
    html = client.get(
        "/werkzeuge/werkzeugkatalog-kreis-dueren/buergerbus-rureifel/"
    ).content.decode()
    assert '<caption id="zwischenbilanz-' in html and "Bürgerbus Rureifel: Stand je Jahr" in html
    assert '<span class="progress progress--verstetigt">verstetigt</span>' in html
    assert "von der Redaktion geprüft" in html and "(05/2023)" in html
    # measures show their budget and external advice in the tool sheet
    assert "Budget: 2.500 €" in html and "externe Beratung: ja" in html


def test_vision_and_profile_show_progress(demo, client):
    html = client.get("/werkzeuge/werkzeugkatalog-kreis-dueren/").content.decode()
    assert "Auf dem Weg dorthin: Stand der Werkzeuge" in html
    assert '<span class="progress progress--eingestellt">eingestellt</span> (2020)' in html
    profile = client.get("/netzwerk/kommunen/kreis-dueren/").content.decode()
    assert "Zwischenbilanz" in profile
    assert '<svg role="img" aria-labelledby="profil-zwischenbilanz-chart-title"' in profile
    assert "Zwischenbilanz Kreis Düren: Stand jedes Werkzeugs je Jahr" in profile
    assert '<span class="progress progress--begonnen">begonnen</span>' in profile


def test_measures_follow_the_tool_sheets_with_stable_ids(demo):
    tool = ToolPage.objects.get(title="Bürgerbus Rureifel")
    measures = list(tool.measures.order_by("position"))
    assert [(m.title, m.budget, m.external_advice, m.budget_band) for m in measures] == [
        ("Fahrplan mit den Ortsvorstehern abstimmen", Decimal("200.00"), False, "unter-1000"),
        ("Fahrerinnen und Fahrer schulen", Decimal("2500.00"), True, "1000-10000"),
        ("Fahrbetrieb", Decimal("18000.00"), False, "ueber-10000"),
    ]
    assert measures[0].target_group_list == ["ehrenamtliche", "seniorinnen-und-senioren"]
    assert measures[0].month_list == [2, 3]
    # Dropping the last measure in a new revision removes only that row.
    sheets = tool.tool_sheets.raw_data
    sheets[0]["value"]["measures"] = sheets[0]["value"]["measures"][:2]
    tool.tool_sheets = sheets
    tool.save_revision().publish()
    kept = list(Measure.objects.filter(tool=tool).order_by("position"))
    assert [m.pk for m in kept] == [m.pk for m in measures[:2]]


def test_the_example_query_measures_for_seniors_in_mobility_under_10000_without_advice_in_nrw(
    demo, client
):
    data = api(
        client,
        art="massnahme",
        handlungsfeld="mobilitaet-und-nahversorgung",
        zielgruppe="seniorinnen-und-senioren",
        budget=["unter-1000", "1000-10000"],
        beratung="nein",
        region="05",
    )
    titles = sorted(hit["title"] for hit in data["hits"])
    assert titles == [
        "Bänke bauen und aufstellen",
        "Fahrplan mit den Ortsvorstehern abstimmen",
        "Schilder und Faltblatt für ältere Mitfahrende",
        "Standorte mit den Ortsvorstehern festlegen",
    ]
    assert data["total"] == 4
    assert {hit["kind"] for hit in data["hits"]} == {"massnahme"}
    # Disjunctive counts: each facet counted with every filter but its own.
    assert counts(data, "beratung") == {"nein": 4, "ja": 1}  # „Fahrerinnen … schulen“
    assert counts(data, "budget") == {"unter-1000": 3, "1000-10000": 1, "ueber-10000": 1}
    assert counts(data, "art") == {"massnahme": 4}
    assert counts(data, "jahr") == {"2018": 3, "2017": 1}
    labels = {b["value"]: b["label"] for b in data["facets"]["budget"]["buckets"]}
    assert labels["unter-1000"] == "unter 1.000 €"
    assert [b["value"] for b in data["facets"]["budget"]["buckets"]] == [
        "unter-1000",
        "1000-10000",
        "ueber-10000",
    ]
    months = [b["value"] for b in data["facets"]["monat"]["buckets"]]
    assert months == sorted(months, key=int)
    assert data["hits"][0]["url"].split("#")[1].startswith("sheet-")


def test_progress_and_quality_are_facets(demo, client):
    data = api(client, art="werkzeug", fortschritt="verstetigt")
    assert sorted(h["title"] for h in data["hits"]) == [
        "Bürgerbus Rureifel",
        "Runder Tisch Demografie",
        "Wohnberatung für das Alter",
        "Wohnlotsen",
    ]
    assert counts(data, "fortschritt") == {
        "verstetigt": 4,
        "eingestellt": 1,
        "begonnen": 1,
        "umgesetzt": 1,
    }
    reviewed = api(client, qualitaet="geprueft")
    assert sorted(h["title"] for h in reviewed["hits"]) == [
        "Bürgerbus Rureifel",
        "Seniorenakademie",
    ]
    assert counts(reviewed, "qualitaet") == {"geprueft": 2, "dokumentiert": 2}


def test_unknown_facet_values_are_a_german_400(demo, client):
    response = client.get("/api/v1/suche/", {"budget": "billig"})
    assert response.status_code == 400
    assert "Unbekannter Wert „billig“ für Budget" in response.json()["error"]["message"]


def test_unpublished_tool_takes_its_measures_out_of_search(
    demo, client, django_capture_on_commit_callbacks
):
    tool = ToolPage.objects.get(title="Mitfahrbänke")
    with django_capture_on_commit_callbacks(execute=True):
        tool.unpublish()
    data = api(client, art="massnahme", q="Bänke")
    assert all("Bänke" not in h["title"] for h in data["hits"])


def test_a_restriction_above_the_tool_takes_its_measures_along(
    demo, client, member, django_capture_on_commit_callbacks
):
    """Measures are rows, not pages: search's one rule for restrictions re-indexes them too
    (restricted for everyone, then for members only, then lifted)."""
    from wagtail.models import PageViewRestriction

    tool = ToolPage.objects.get(title="Mitfahrbänke")
    catalogue = tool.get_parent()
    measures = set(tool.measures.values_list("title", flat=True))

    def found(client):
        hits = api(client, art="massnahme", q="Bänke")["hits"]
        return {h["title"] for h in hits} & measures

    assert found(client) == measures
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=catalogue, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    assert found(client) == set()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.restriction_type = PageViewRestriction.LOGIN
        restriction.save()
    assert found(client) == set()
    client.force_login(member)
    assert found(client) == measures
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert found(client) == measures


def test_search_page_lists_measures_without_javascript(demo, client):
    html = client.get(
        "/suche/",
        {"art": "massnahme", "beratung": "nein", "handlungsfeld": "mobilitaet-und-nahversorgung"},
    ).content.decode()
    assert "Maßnahme" in html and "ohne externe Beratung" in html
    assert "Standorte mit den Ortsvorstehern festlegen" in html


def test_sync_measures_command_fills_missing_rows(demo):
    from io import StringIO

    from django.core.management import call_command

    Measure.objects.all().delete()
    out = StringIO()
    call_command("sync_measures", stdout=out)
    assert Measure.objects.filter(tool__title="Mitfahrbänke").count() == 3
    assert "Einzelmaßnahmen nachgeführt" in out.getvalue()


def test_the_demo_has_an_evaluated_tool_with_its_report(
    demo, client, django_capture_on_commit_callbacks
):
    from projects import demo as projects_demo

    with django_capture_on_commit_callbacks(execute=True):
        projects_demo.load(Quiet())
    tool = ToolPage.objects.get(title="Mitfahrbänke")
    assert tool.quality_status == "evaluiert"
    assert tool.evaluation_document.title == "Evaluation Mitfahrbänke Kreis Düren 2019"
    html = client.get(tool.url).content.decode()
    assert f'href="{tool.evaluation_document.url}"' in html and "Evaluationsbericht" in html
    document = client.get(tool.evaluation_document.url)
    assert document.status_code == 200
    assert (
        b"".join(document.streaming_content if document.streaming else [document.content])[:5]
        == b"%PDF-"
    )
    data = api(client, qualitaet="evaluiert")
    assert [h["title"] for h in data["hits"]] == ["Mitfahrbänke"]
    assert counts(data, "qualitaet")["evaluiert"] == 1
