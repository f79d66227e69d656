"""Project, report and section pages as visitors see them; tree rules; model helpers."""

import datetime
import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from projects.factories import (
    ProjectPageFactory,
    ProjectPhaseFactory,
    ReportPageFactory,
    WorkingGroupFactory,
)
from projects.models import (
    DataReportPage,
    ProjectIndexPage,
    ProjectPage,
    ReportPage,
    Status,
)
from taxonomy.models import ActionField
from werkstatt.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


class TestTreeRules(WagtailPageTestCase):
    def test_section_below_home_and_content_below_section(self):
        self.assertCanCreateAt(HomePage, ProjectIndexPage)
        for model in (ProjectPage, ReportPage, DataReportPage):
            self.assertCanCreateAt(ProjectIndexPage, model)
            self.assertCanNotCreateAt(HomePage, model)
            self.assertCanNotCreateAt(StandardPage, model)
            self.assertCanNotCreateAt(model, ProjectPage)
        self.assertCanNotCreateAt(Page, ProjectIndexPage)
        self.assertCanNotCreateAt(ProjectIndexPage, ProjectIndexPage)


def test_project_period_and_years(section):
    page = ProjectPageFactory(
        period_start=datetime.date(2020, 1, 1), period_end=datetime.date(2021, 12, 31)
    )
    assert page.period_label == "2020–2021"
    assert page.years == [2020, 2021]
    page.period_end = None
    assert page.period_label == "seit 2020"
    assert page.years == [2020]


def test_participation_labels_in_choice_order(section):
    page = ProjectPageFactory(
        participation_formats=["dialogformat", "befragung-online", "unbekannt"]
    )
    assert page.participation_labels() == ["Befragung online", "Dialogformat"]


def test_project_page_shows_timeline_in_order_and_working_groups(client, section):
    field = ActionField.objects.get(slug="bildung")
    project = ProjectPageFactory(
        title="Quartier im Wandel", status=Status.RUNNING, good_practice=True
    )
    ProjectPhaseFactory(
        page=project,
        title="Bestandsaufnahme",
        sort_order=0,
        status=Status.FINISHED,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2020, 6, 30),
    )
    ProjectPhaseFactory(page=project, title="Leitbild", sort_order=1, status=Status.RUNNING)
    ProjectPhaseFactory(page=project, title="Handlungskonzept", sort_order=2)
    WorkingGroupFactory(page=project, name="AG Bildung", action_field=field)
    project.save_revision().publish()
    html = client.get(project.url).content.decode()
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S).group(1)
    titles = re.findall(r"</span>([^<]+)</h3>", timeline)
    assert titles == ["Bestandsaufnahme", "Leitbild", "Handlungskonzept"]
    assert (
        '<time datetime="2020-01-01">Januar 2020</time> bis <time datetime="2020-06-30">Juni 2020</time>'
        in timeline
    )
    assert "abgeschlossen" in timeline and "laufend" in timeline and "geplant" in timeline
    assert "AG Bildung" in html and 'class="af-badge af-bildung"' in html
    assert "Gute Praxis" in html
    assert 'style="' not in html


def test_report_page_offers_the_pdf_with_size_and_format(client, section):
    report = ReportPageFactory(title="Sozialbericht 2016")
    html = client.get(report.url).content.decode()
    assert f'href="{report.report_file.url}"' in html
    assert re.search(r"\(PDF, \d+(,\d)?\xa0(Bytes|KB)\)", html)
    download = client.get(report.report_file.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")


def test_section_lists_and_filters_by_kind_action_field_and_status(client, section):
    field = ActionField.objects.get(slug="bildung")
    running = ProjectPageFactory(title="Laufendes Projekt", status=Status.RUNNING)
    running.action_fields.add(field)
    running.save_revision().publish()
    ProjectPageFactory(title="Fertiges Projekt", status=Status.FINISHED)
    ReportPageFactory(title="Ein Bericht")
    page = section

    def titles(query=""):
        html = client.get(page.url + query).content.decode()
        return sorted(re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html))

    assert titles() == ["Ein Bericht", "Fertiges Projekt", "Laufendes Projekt"]
    assert titles("?art=bericht") == ["Ein Bericht"]
    assert titles("?status=abgeschlossen") == ["Fertiges Projekt"]
    assert titles("?handlungsfeld=bildung") == ["Laufendes Projekt"]
    assert titles("?art=bericht&status=laufend") == []
    # Nonsense parameters are ignored, never a server error.
    assert titles("?art=%3Cx%3E&handlungsfeld=gibtsnicht&status=1") == titles()
    html = client.get(page.url + "?art=projekt").content.decode()
    assert '<option value="projekt" selected>' in html


def test_draft_pages_are_not_listed(client, section):
    draft = ProjectPageFactory(title="Entwurf")
    draft.unpublish()
    assert "Entwurf" not in client.get(section.url).content.decode()


def test_data_report_without_data_says_so(client, section):
    from projects.factories import DataReportPageFactory

    page = DataReportPageFactory(title="Leerer Bericht")
    html = client.get(page.url).content.decode()
    assert "noch keine Daten hinterlegt" in html


def test_data_report_page_table_charts_and_downloads(client, data_report):
    response = client.get(data_report.url)
    html = response.content.decode()
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert 'aria-sort="ascending"' in html  # sorted by area name by default
    assert 'href="?sortierung=anteil-65-plus&amp;richtung=auf#tabelle"' in html
    assert html.count('role="img"') == 3
    assert 'href="/projekte/datencheck-kreuzau/download/csv/"' in html
    assert 'href="/projekte/datencheck-kreuzau/download/xlsx/"' in html
    assert "Kreuzau (gesamt)" in html
    assert 'style="' not in html
    ordered = re.findall(
        r'<th scope="row">([^<]+)</th>',
        client.get(data_report.url + "?sortierung=anteil-65-plus&richtung=ab").content.decode(),
    )
    assert ordered[:3] == ["Winden", "Drove", "Stockheim"]
    # An unknown sort key falls back to the name, no error.
    assert client.get(data_report.url + "?sortierung=%3Cscript%3E&richtung=x").status_code == 200


def test_difference_to_the_whole_municipality(client, data_report):
    publication = data_report.publication()
    drove = next(r for r in publication.rows if r.name == "Drove")
    whole = publication.whole.cells["anteil-65-plus"].value
    assert drove.cells["anteil-65-plus"].difference == pytest.approx(22.5 - whole)
    assert drove.cells["anzahl-80-plus"].difference is None  # counts have no difference
