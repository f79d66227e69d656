"""Plans as data: plan import and export (all or nothing, every bad row named), linked tools."""

import io
import re

import pytest
from wagtail.models import Revision

from catalogue.models import PlanRowTool, ToolPage, WorkshopPlanPage
from catalogue.plan_importer import import_plan, plan_frame
from werkstatt.spreadsheets import frame_to_csv, frame_to_xlsx, read_table

from .conftest import frame_of


@pytest.fixture
def plan(module_demo, db):
    return WorkshopPlanPage.objects.get(slug="werkstattplan-musterkommune")


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


HEADER = [
    "handlungsfeld ",
    "Handlungsfeld (Vokabular)",
    "WERKZEUGE",
    "Weitere Schritte",
    "2017",
    "2018",
    "2019",
    "2020",
]


def good_rows():
    return [
        ["1. Netzwerk", "Demografienetzwerk und Verwaltung", "DN-032", "", "X", "x", "", ""],
        [
            "2. Mobilität",
            "Mobilitaet und Nahversorgung",  # "und" for "&", "ae" for "ä"
            "Bürgerbus Rureifel\nmitfahrbänke",
            "Konzepte vergleichen",
            "X",
            "X",
            "X",
            "X",
        ],
        ["3. Wohnen", "", "Wohnlotsen; DN-017", "", "", "", "ja", ""],
    ]


def test_good_file_replaces_rows_and_links_tools(plan):
    result = import_plan(frame_of(good_rows(), HEADER), plan)
    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, result.updated, result.unchanged, result.removed) == (1, 2, 0, 2)
    plan = WorkshopPlanPage.objects.get(pk=plan.pk)
    rows = list(plan.rows.all())
    assert [r.title for r in rows] == ["1. Netzwerk", "2. Mobilität", "3. Wohnen"]
    assert [t.title for t in rows[1].linked_tools] == ["Bürgerbus Rureifel", "Mitfahrbänke"]
    assert [t.title for t in rows[2].linked_tools] == ["Wohnlotsen", "Wohnberatung für das Alter"]
    assert rows[0].action_field.slug == "demografienetzwerk-und-verwaltung"
    assert rows[1].action_field.slug == "mobilitaet-und-nahversorgung"
    assert rows[2].action_field.slug == "leben-und-wohnen"  # kept: the file names none
    assert rows[0].years == "2017;2018" and rows[2].years == "2019"
    assert rows[1].tools == "Konzepte vergleichen"
    assert plan.live and not plan.has_unpublished_changes


def test_second_import_of_the_same_file_changes_nothing(plan):
    frame = frame_of(good_rows(), HEADER)
    assert import_plan(frame, plan).ok
    plan = WorkshopPlanPage.objects.get(pk=plan.pk)
    revisions = Revision.page_revisions.filter(object_id=str(plan.pk)).count()
    links = list(PlanRowTool.objects.filter(row__plan=plan).values_list("pk", flat=True))
    again = import_plan(frame_of(good_rows(), HEADER), plan)
    assert (again.created, again.updated, again.unchanged, again.removed) == (0, 0, 3, 0)
    assert Revision.page_revisions.filter(object_id=str(plan.pk)).count() == revisions
    assert list(PlanRowTool.objects.filter(row__plan=plan).values_list("pk", flat=True)) == links


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_imports_again_unchanged(plan, fmt):
    frame = plan_frame(plan)
    raw = frame_to_csv(frame) if fmt == "csv" else frame_to_xlsx(frame, sheet_name="Werkstattplan")
    back = read_table(io.BytesIO(raw), filename=f"plan.{fmt}")
    result = import_plan(back, plan)
    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert result.unchanged == 4


def test_every_bad_row_is_named_and_nothing_is_written(plan):
    before = [(r.title, r.years) for r in plan.rows.all()]
    rows = [
        ["", "", "", "", "X", "", "", ""],  # 2: title missing
        ["Feld A", "Raumfahrt", "", "", "", "", "", ""],  # 3: unknown action field
        ["Feld B", "", "Gibt es nicht", "", "", "", "", ""],  # 4: unknown tool
        ["Feld C", "", "", "", "vielleicht", "", "", ""],  # 5: bad year mark
        ["Feld A", "", "", "", "", "", "", ""],  # 6: duplicate title
        ["x" * 201, "", "", "", "", "", "", ""],  # 7: title too long
    ]
    result = import_plan(frame_of(rows, HEADER), plan)
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (2, "handlungsfeld "),
        (3, "Handlungsfeld (Vokabular)"),
        (4, "WERKZEUGE"),
        (5, "2017"),
        (6, "handlungsfeld "),
        (7, "handlungsfeld "),
    }
    messages = {e.row: e.message for e in result.errors}
    assert "fehlt" in messages[2]
    assert "Unbekanntes Handlungsfeld „Raumfahrt“" in messages[3]
    assert "Kein Werkzeug mit dem Titel oder der ID „Gibt es nicht“" in messages[4]
    assert "„vielleicht“ ist weder X noch ein Stand (geplant, begonnen" in messages[5]
    assert "schon in Zeile 3" in messages[6]
    assert "länger als 200" in messages[7]
    assert [(r.title, r.years) for r in plan.rows.all()] == before


def test_years_outside_the_plan_and_bad_year_text_are_errors(plan):
    header = ["Handlungsfeld", "Jahre"]
    result = import_plan(frame_of([["A", "2016-2017"], ["B", "irgendwann"]], header), plan)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Jahre"), (3, "Jahre")]
    assert "Jahr 2016 liegt außerhalb des Plans (2017–2020)" in result.errors[0].message


def test_ambiguous_title_needs_the_id(plan):
    twin = ToolPage.objects.get(title="Wohnlotsen")
    copy = twin.copy(update_attrs={"slug": "wohnlotsen-2", "import_id": "X-1"})
    assert copy.title == "Wohnlotsen"
    result = import_plan(frame_of([["A", "Wohnlotsen"]], ["Handlungsfeld", "Werkzeuge"]), plan)
    assert len(result.errors) == 1
    assert "gibt es mehrfach" in result.errors[0].message
    ok = import_plan(frame_of([["A", "X-1"]], ["Handlungsfeld", "Werkzeuge"]), plan)
    assert ok.ok


def test_missing_required_column_is_a_file_error(plan):
    result = import_plan(frame_of([["x"]], ["Werkzeuge"]), plan)
    assert len(result.errors) == 1 and result.errors[0].row is None
    assert "Pflichtspalte fehlt: Handlungsfeld" in result.errors[0].message


def test_dry_run_reports_without_writing(plan):
    result = import_plan(frame_of(good_rows(), HEADER), plan, dry_run=True)
    assert result.ok and result.created == 1
    assert [r.title for r in plan.rows.all()][0] == "1. Aufbau Demografienetzwerk"


def test_admin_import_checks_then_imports(plan, client, editor):
    client.force_login(editor)
    url = f"/admin/werkstattplan/{plan.pk}/import/"
    assert client.get(url).status_code == 200
    raw = frame_to_csv(frame_of(good_rows(), HEADER))
    upload = io.BytesIO(raw)
    upload.name = "plan.csv"
    checked = client.post(url, {"file": upload, "action": "pruefen"})
    assert checked.status_code == 200
    html = checked.content.decode()
    assert "Zeilen neu: 1, geändert: 2, unverändert: 0, entfernt: 2" in html
    token = checked.context["token"]
    done = client.post(url, {"token": token, "action": "importieren"})
    assert done.status_code == 302
    assert WorkshopPlanPage.objects.get(pk=plan.pk).rows.count() == 3
    bad = io.BytesIO(
        frame_to_csv(
            frame_of(
                [["", "", "", "", "", "", "", ""], ["A", "", "Nix", "", "", "", "", ""]], HEADER
            )
        )
    )
    bad.name = "plan.csv"
    refused = client.post(url, {"file": bad, "action": "pruefen"})
    assert refused.status_code == 400
    assert "<td>3</td><td>WERKZEUGE</td><td>Kein Werkzeug mit dem Titel oder der ID „Nix“" in (
        refused.content.decode()
    )


def test_editor_links_tools_to_a_plan_row_in_the_admin(plan, admin_client):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    bus = ToolPage.objects.get(title="Bürgerbus Rureifel")
    data = nested_form_data(
        {
            "title": "Werkstattplan Beispielstadt",
            "slug": "beispielstadt",
            "intro": rich_text(""),
            "start_year": "2018",
            "end_year": "2021",
            "rows": inline_formset(
                [
                    {
                        "title": "Mobilität",
                        "description": "",
                        "tool_links": inline_formset([{"tool": bus.pk}]),
                        "tools": "Konzept vorstellen",
                        "responsible": "",
                        "place": "",
                        "participants": "",
                        "years": "2018-2019",
                    }
                ]
            ),
            "action-publish": "publish",
        }
    )
    url = reverse(
        "wagtailadmin_pages:add", args=["catalogue", "workshopplanpage", plan.get_parent().pk]
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    new = WorkshopPlanPage.objects.get(slug="beispielstadt")
    assert [t.title for t in new.rows.get().linked_tools] == ["Bürgerbus Rureifel"]
    html = admin_client.get(new.url).content.decode()
    assert "Mobilität: Stand jedes Werkzeugs je Jahr" in html
    assert '<span class="progress progress--verstetigt">verstetigt</span>' in html


def test_command_checks_and_imports(plan, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "plan.csv"
    path.write_bytes(frame_to_csv(frame_of(good_rows(), HEADER)))
    out = io.StringIO()
    call_command("import_plan", str(path), plan=plan.slug, dry_run=True, stdout=out)
    assert "Probelauf (nichts geschrieben): Zeilen neu: 1, geändert: 2" in out.getvalue()
    call_command("import_plan", str(path), plan=plan.slug, stdout=out)
    assert WorkshopPlanPage.objects.get(pk=plan.pk).rows.count() == 3
    path.write_bytes(frame_to_csv(frame_of([["A", "", "Nix", "", "", "", "", ""]], HEADER)))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 Fehler in 1 Zeile"):
        call_command("import_plan", str(path), plan=plan.slug, stderr=err)
    assert "Zeile 2, Spalte „WERKZEUGE“" in err.getvalue()


def test_plan_api_shows_only_linked_tools_and_plans_the_visitor_may_open(plan, member):
    from django.contrib.auth.models import Group
    from django.test import Client
    from wagtail.models import PageViewRestriction

    links = PlanRowTool.objects.filter(row__plan=plan).select_related("tool")
    assert links.count() >= 2
    secret = links.first().tool
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Steuerkreis"))
    client = Client()
    answer = client.get(f"/api/v1/werkstattplaene/{plan.pk}/").json()
    shown = {tool["id"] for row in answer["zeilen"] for tool in row["werkzeuge"]}
    assert secret.pk not in shown and shown
    assert answer["erstes_jahr"] == plan.start_year and len(answer["zeilen"]) == plan.rows.count()
    year = str(plan.start_year)
    assert client.get("/api/v1/werkstattplaene/", {"jahr": year}).json()["anzahl"] == 1
    assert client.get("/api/v1/werkstattplaene/", {"jahr": "1999"}).json()["anzahl"] == 0

    PageViewRestriction.objects.create(page=plan, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/api/v1/werkstattplaene/").json()["anzahl"] == 0
    assert client.get(f"/api/v1/werkstattplaene/{plan.pk}/").status_code == 404
    client.force_login(member)
    assert client.get(f"/api/v1/werkstattplaene/{plan.pk}/").status_code == 200


# --- progress (Zwischenbilanz) in the plan file ----------------------------------------------


def states_of(title):
    tool = ToolPage.objects.get(title=title)
    return {entry.year: (entry.state, entry.note) for entry in tool.progress.all()}


def test_export_shows_each_linked_tools_state_in_its_year_cells(plan):
    frame = plan_frame(plan).set_index("Handlungsfeld")
    bus = ToolPage.objects.get(title="Bürgerbus Rureifel")
    # one tool: the state itself; several: „Titel oder ID: Stand“ per line; unmarked: empty
    assert frame.loc["4. Bürgerbeteiligung", "2018"] == "umgesetzt"
    assert frame.loc["2. Mobilität", "2017"] == f"{bus.import_id or bus.title}: umgesetzt"
    wohnen = frame.loc["3. Wohnen"]
    assert [wohnen[str(y)] for y in (2017, 2018, 2019, 2020)][0].count(": verstetigt") == 1
    assert frame.loc["1. Aufbau Demografienetzwerk", "2017"] == "begonnen"
    assert frame.loc["1. Aufbau Demografienetzwerk", "2018"] == ""


def test_year_cells_set_the_state_of_the_rows_tools_and_publish_each_tool_once(plan):
    bus_before = states_of("Bürgerbus Rureifel")
    revisions = Revision.page_revisions.filter(
        object_id=str(ToolPage.objects.get(title="Mitfahrbänke").pk)
    ).count()
    rows = [
        ["1. Netzwerk", "", "Runder Tisch Demografie", "", "X", "begonnen", "", ""],
        [
            "2. Mobilität",
            "",
            "Bürgerbus Rureifel\nMitfahrbänke",
            "",
            "Mitfahrbänke: geplant",
            "mitfahrbänke: Geplant",  # title folded, state in any case
            "Bürgerbus Rureifel: verstetigt; Mitfahrbänke: verstetigt",
            "",
        ],
    ]
    result = import_plan(frame_of(rows, HEADER), plan)
    assert result.ok, [str(e) for e in result.errors]
    # new: Mitfahrbänke 2017; changed: Runder Tisch 2018 (was umgesetzt), Mitfahrbänke 2018
    # (begonnen) and 2019 (umgesetzt); Bürgerbus 2019 is verstetigt already
    assert result.progress == 4
    assert "Stände der Werkzeuge neu oder geändert: 4" in result.summary()
    assert states_of("Runder Tisch Demografie")[2018] == (
        "begonnen",
        "Vier Sitzungen, Kurzbericht an den Kreisausschuss.",  # the note stays
    )
    mitfahr = states_of("Mitfahrbänke")
    assert mitfahr[2017] == ("geplant", "")
    assert mitfahr[2018] == ("geplant", "Zwölf Bänke in vier Orten aufgestellt.")
    assert mitfahr[2019][0] == "verstetigt" and mitfahr[2020][0] == "eingestellt"
    assert states_of("Bürgerbus Rureifel") == bus_before  # X leaves a state alone
    tool = ToolPage.objects.get(title="Mitfahrbänke")
    assert Revision.page_revisions.filter(object_id=str(tool.pk)).count() == revisions + 1
    assert tool.live and not tool.has_unpublished_changes
    # a state marks its year
    rows_now = {r.title: r.years for r in WorkshopPlanPage.objects.get(pk=plan.pk).rows.all()}
    assert rows_now == {"1. Netzwerk": "2017;2018", "2. Mobilität": "2017;2018;2019"}
    # the same file again: nothing new
    again = import_plan(frame_of(rows, HEADER), plan)
    assert again.ok and again.progress == 0
    assert Revision.page_revisions.filter(object_id=str(tool.pk)).count() == revisions + 1


def test_bad_state_cells_are_named_and_nothing_is_written(plan):
    before = {t: states_of(t) for t in ("Bürgerbus Rureifel", "Mitfahrbänke", "Wohnlotsen")}
    rows = [
        ["A", "", "Bürgerbus Rureifel\nMitfahrbänke", "", "begonnen", "", "", ""],  # 2: which?
        ["B", "", "Bürgerbus Rureifel", "", "", "Wohnlotsen: begonnen", "", ""],  # 3: not in row
        ["C", "", "Wohnlotsen", "", "", "", "halb fertig", ""],  # 4: no state
        ["D", "", "Wohnlotsen", "", "", "", "umgesetzt", "Gibt es nicht: geplant"],  # 5
        ["E", "", "Bürgerbus Rureifel", "", "eingestellt", "", "", ""],  # 6: fine alone
        ["F", "", "Bürgerbus Rureifel", "", "geplant", "", "", ""],  # 7: contradicts row 6
    ]
    result = import_plan(frame_of(rows, HEADER), plan)
    assert not result.ok
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert set(messages) == {(2, "2017"), (3, "2018"), (4, "2019"), (5, "2020"), (7, "2017")}
    assert "genau einem Werkzeug" in messages[(2, "2017")]
    assert "„Wohnlotsen“ steht nicht unter „Werkzeuge“ dieser Zeile" in messages[(3, "2018")]
    assert "„halb fertig“ ist weder X noch ein Stand" in messages[(4, "2019")]
    assert "Kein Werkzeug mit dem Titel oder der ID „Gibt es nicht“" in messages[(5, "2020")]
    assert "in Zeile 6 für 2017 einen anderen Stand (eingestellt)" in messages[(7, "2017")]
    assert {t: states_of(t) for t in before} == before


def test_a_tool_with_an_unpublished_draft_is_refused_and_nothing_is_written(plan):
    tool = ToolPage.objects.get(title="Wohnlotsen")
    tool.summary = "Entwurf"
    tool.save_revision()
    rows_before = [(r.title, r.years) for r in plan.rows.all()]
    rows = [["3. Wohnen", "", "Wohnlotsen", "", "geplant", "", "", ""]]
    result = import_plan(frame_of(rows, HEADER), plan)
    assert not result.ok
    assert "„Wohnlotsen“ hat einen unveröffentlichten Entwurf" in result.errors[0].message
    assert 2017 not in states_of("Wohnlotsen")
    assert [(r.title, r.years) for r in plan.rows.all()] == rows_before


def test_admin_import_reports_state_errors_in_german(plan, client, editor):
    client.force_login(editor)
    upload = io.BytesIO(
        frame_to_csv(frame_of([["A", "", "Wohnlotsen", "", "halb fertig", "", "", ""]], HEADER))
    )
    upload.name = "plan.csv"
    refused = client.post(
        f"/admin/werkstattplan/{plan.pk}/import/", {"file": upload, "action": "pruefen"}
    )
    assert refused.status_code == 400
    assert "<td>2</td><td>2017</td><td>„halb fertig“ ist weder X noch ein Stand" in (
        refused.content.decode()
    )


# --- Zwischenbilanz edited from the plan (admin) --------------------------------------------


def test_editor_sets_progress_from_the_plan(plan, client, editor):
    client.force_login(editor)
    url = f"/admin/werkstattplan/{plan.pk}/zwischenbilanz/"
    edit = client.get(f"/admin/pages/{plan.pk}/edit/").content.decode()
    assert url in edit  # reachable from the plan editor („Zwischenbilanz bearbeiten“)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    bus = ToolPage.objects.get(title="Bürgerbus Rureifel")
    mitfahr = ToolPage.objects.get(title="Mitfahrbänke")
    rufbus = ToolPage.objects.get(title="Rufbus im ländlichen Raum")
    assert (
        f'<label class="w-sr-only" for="stand-{bus.pk}-2017">Stand von Bürgerbus Rureifel im Jahr 2017</label>'
        in html
    )
    assert '<option value="umgesetzt" selected>' in html
    cells = {
        name: value
        for name, value in re.findall(
            r'<select id="(stand-\d+-\d+)".*?<option value="(\w*)" selected>', html, re.S
        )
    }
    assert cells[f"stand-{bus.pk}-2018"] == "verstetigt"
    form = dict(cells)
    form[f"stand-{mitfahr.pk}-2018"] = "umgesetzt"  # changed (was begonnen)
    form[f"stand-{rufbus.pk}-2019"] = ""  # removed (was geplant)
    form[f"stand-{rufbus.pk}-2017"] = "geplant"  # new
    revisions = {
        t.pk: Revision.page_revisions.filter(object_id=str(t.pk)).count()
        for t in (bus, mitfahr, rufbus)
    }
    done = client.post(url, form)
    assert done.status_code == 302
    assert states_of("Mitfahrbänke")[2018] == (
        "umgesetzt",
        "Zwölf Bänke in vier Orten aufgestellt.",
    )
    assert 2019 not in states_of("Rufbus im ländlichen Raum")
    assert states_of("Rufbus im ländlichen Raum")[2017] == ("geplant", "")
    after = {
        t.pk: Revision.page_revisions.filter(object_id=str(t.pk)).count()
        for t in (bus, mitfahr, rufbus)
    }
    assert after == {
        bus.pk: revisions[bus.pk],
        mitfahr.pk: revisions[mitfahr.pk] + 1,
        rufbus.pk: revisions[rufbus.pk] + 1,
    }
    # the plan page shows the new state
    assert "umgesetzt" in client.get(plan.url).content.decode()


def test_plan_progress_refuses_bad_values_and_strangers(plan, client, editor, member):
    mitfahr = ToolPage.objects.get(title="Mitfahrbänke")
    url = f"/admin/werkstattplan/{plan.pk}/zwischenbilanz/"
    client.force_login(member)
    assert client.get(url).status_code in (302, 403)
    client.force_login(editor)
    before = states_of("Mitfahrbänke")
    bad = client.post(url, {f"stand-{mitfahr.pk}-2018": "fast fertig"})
    assert bad.status_code == 400
    assert "„fast fertig“ ist kein Stand (Mitfahrbänke, 2018)." in bad.content.decode()
    assert states_of("Mitfahrbänke") == before
