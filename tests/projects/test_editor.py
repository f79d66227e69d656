"""Editors at work in the Wagtail admin: a project with phases and working groups, a report with a
PDF, a data table that is checked before anything is stored; visitors then see the result."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from projects.models import DataReportPage, ProjectPage, ReportPage
from projects.pdf import minimal_pdf
from taxonomy.models import ActionField, Region

from .conftest import GOOD_CSV, make_document

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    return f"/admin/pages/add/projects/{model._meta.model_name}/{parent.pk}/"


def project_form(**overrides):
    field = ActionField.objects.get(slug="bildung")
    data = {
        "title": "Quartiersentwicklung Nordstadt",
        "slug": "quartiersentwicklung-nordstadt",
        "summary": "Die Nordstadt plant ihre Zukunft gemeinsam.",
        "region": Region.objects.get(code="05358").pk,
        "funding_programme": "Städtebauförderung",
        "period_start": "2024-01-01",
        "period_end": "2025-12-31",
        "status": "laufend",
        "body": streamfield([("text", rich_text("<p>Worum es geht.</p>"))]),
        "phases": inline_formset(
            [
                {
                    "title": "Bestandsaufnahme",
                    "start": "2024-01-01",
                    "end": "2024-06-30",
                    "status": "abgeschlossen",
                    "description": rich_text("<p>Daten sammeln.</p>"),
                },
                {
                    "title": "Beteiligung",
                    "start": "2024-07-01",
                    "end": "",
                    "status": "laufend",
                    "description": rich_text("<p>Befragung und Workshops.</p>"),
                },
            ]
        ),
        "working_groups": inline_formset(
            [
                {"name": "AG Wohnen", "action_field": "", "description": "Wohnen im Alter."},
                {"name": "AG Bildung", "action_field": field.pk, "description": "Lernorte."},
            ]
        ),
        "documents": inline_formset([]),
        "contacts": inline_formset([]),  # replaced by the test when it adds a contact
        "tools": inline_formset([]),
        "results": rich_text(""),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    form = nested_form_data(data)
    form["participation_formats"] = ["workshop", "befragung-online"]
    form["action_fields"] = [field.pk]
    return form


def test_editor_creates_project_with_phases_and_visitor_sees_timeline(client, editor, section):
    from network.factories import PersonFactory

    person = PersonFactory(name="Erika Nordstadt")
    client.force_login(editor)
    form = project_form()
    form.update(
        nested_form_data({"contacts": inline_formset([{"person": person.pk, "role": "Leitung"}])})
    )
    response = client.post(add_url(ProjectPage, section), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    project = ProjectPage.objects.get(slug="quartiersentwicklung-nordstadt")
    assert [c.person for c in project.contacts.all()] == [person]
    assert project.live
    assert [p.title for p in project.phases.all()] == ["Bestandsaufnahme", "Beteiligung"]
    assert [g.name for g in project.working_groups.all()] == ["AG Wohnen", "AG Bildung"]
    assert project.participation_formats == ["workshop", "befragung-online"]

    client.logout()
    html = client.get("/projekte/quartiersentwicklung-nordstadt/").content.decode()
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S).group(1)
    assert timeline.index("Bestandsaufnahme") < timeline.index("Beteiligung")
    assert "Daten sammeln." in timeline
    assert "AG Wohnen" in html and "AG Bildung" in html
    assert "Befragung online" in html and "Workshop" in html
    assert "Erika Nordstadt" in html and "Leitung" in html
    assert "Quartiersentwicklung Nordstadt" in client.get("/projekte/").content.decode()


def test_editor_uploads_pdf_creates_report_and_visitor_downloads_it(client, editor, section):
    client.force_login(editor)
    pdf = minimal_pdf("Sozialbericht Nordstadt", ["Ergebnisse"])
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Sozialbericht Nordstadt",
            "file": SimpleUploadedFile("sozialbericht.pdf", pdf, "application/pdf"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Sozialbericht Nordstadt")
    form = nested_form_data(
        {
            "title": "Sozialbericht Nordstadt 2024",
            "slug": "sozialbericht-nordstadt-2024",
            "summary": "Lebenslagen in der Nordstadt.",
            "kind": "sozialbericht",
            "year": "2024",
            "region": "",
            "publisher": "Stadt Musterstadt",
            "key_findings": rich_text("<ul><li>Viele Ältere leben allein.</li></ul>"),
            "report_file": document.pk,
            "related_projects": inline_formset([]),
            "tools": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(add_url(ReportPage, section), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    html = client.get("/projekte/sozialbericht-nordstadt-2024/").content.decode()
    assert "Viele Ältere leben allein." in html
    link = re.search(
        r'<a href="([^"]+)" download>Sozialbericht Nordstadt</a> <span class="file-meta">\(PDF, ([^)]+)\)',
        html,
    )
    assert link, html
    download = client.get(link.group(1))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf


def data_report_form(document, region):
    return nested_form_data(
        {
            "title": "Kommunalprofil Kreuzau",
            "slug": "kommunalprofil-kreuzau",
            "summary": "Kennzahlen je Ortsteil.",
            "region": region.pk,
            "reference_date": "2023-12-31",
            "source": "Melderegister",
            "data_file": document.pk,
            "threshold": "3",
            "chart_indicators": "",
            "notes": rich_text(""),
            "action-publish": "action-publish",
        }
    )


def test_bad_data_table_is_rejected_with_every_problem_and_nothing_stored(
    client, editor, section, kreuzau
):
    client.force_login(editor)
    bad = b"Ortsteil;Einwohner;Anteil 80+\nDrove;viele;5\nAtlantis;100;7\nDrove;50;130\n"
    document = make_document("Kaputte Tabelle", bad, "kaputt.csv")
    response = client.post(add_url(DataReportPage, section), data_report_form(document, kreuzau))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die Datei wurde nicht übernommen (4 Fehler)." in html
    assert "Zeile 2, Spalte „Einwohner“: „viele“ ist keine Zahl." in html
    assert "Zeile 3, Spalte „Ortsteil“: Unbekanntes Gebiet „Atlantis“ in Kreuzau." in html
    assert (
        "Zeile 4, Spalte „Anteil 80+“: Ein Anteil muss zwischen 0 und 100 liegen, nicht „130“."
        in html
    )
    assert "Zeile 4, Spalte „Ortsteil“: Das Gebiet „Drove“ steht schon in Zeile 2." in html
    assert not DataReportPage.objects.filter(slug="kommunalprofil-kreuzau").exists()
    document.refresh_from_db()
    assert document.collection.get_view_restrictions().exists()


def test_good_data_table_becomes_a_page_and_the_file_is_kept_private(
    client, editor, section, kreuzau
):
    client.force_login(editor)
    document = make_document("Gute Tabelle", GOOD_CSV.encode(), "gut.csv")
    response = client.post(add_url(DataReportPage, section), data_report_form(document, kreuzau))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = DataReportPage.objects.get(slug="kommunalprofil-kreuzau")
    assert len(page.data["areas"]) == 4
    document.refresh_from_db()
    assert document.collection.get_view_restrictions().exists()
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Drove" in html and html.count('role="img"') == 3
    # The raw upload (with the small counts) is not downloadable by visitors.
    response = client.get(document.url)
    assert response.status_code in (302, 403)


def test_editing_the_data_report_with_an_unknown_chart_indicator_is_refused(
    client, editor, data_report
):
    client.force_login(editor)
    form = data_report_form(data_report.data_file, data_report.region)
    form.update(
        {"title": data_report.title, "slug": data_report.slug, "chart_indicators": "Anteil 99+"}
    )
    response = client.post(f"/admin/pages/{data_report.pk}/edit/", form)
    assert response.status_code == 200
    assert "Unbekannte Kennzahl: Anteil 99+" in response.content.decode()


def test_admin_forms_of_every_page_type_open(client, editor, data_report):
    client.force_login(editor)
    section = data_report.get_parent()
    for model in (ProjectPage, ReportPage, DataReportPage):
        assert client.get(add_url(model, section)).status_code == 200
    assert client.get(f"/admin/pages/{data_report.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{section.pk}/edit/").status_code == 200


def test_previewing_a_municipality_folder_is_no_server_error(section, editor, client):
    """Issue 30: the folder has no page of its own (it redirects to the profile), and its
    preview looked for a template that does not exist (500)."""
    from network.factories import MunicipalityFactory
    from projects.folders import ensure_folder

    folder = ensure_folder(MunicipalityFactory(name="Ordnerstadt"))
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{folder.pk}/edit/")
    assert edit.status_code == 200
    preview = client.get(f"/admin/pages/{folder.pk}/edit/preview/")
    assert preview.status_code < 500
    assert not folder.is_previewable()
