"""Contacts respect each person's visibility; working groups link to bodies; municipality profiles."""

import datetime

import pytest

from network.factories import BodyFactory, MunicipalityFactory, PersonFactory
from projects.factories import DataReportPageFactory, ProjectPageFactory, ReportPageFactory
from projects.models import ProjectContact, WorkingGroup
from taxonomy.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_with_contacts(section):
    project = ProjectPageFactory(title="Generationen im Gespräch")
    public = PersonFactory(name="Erika Öffentlich", email="erika@example.org")
    members = PersonFactory(name="Max Mitglied", email="max@example.org", visibility="members")
    hidden = PersonFactory(name="Vera Verborgen", email="vera@example.org", visibility="hidden")
    for number, (person, role) in enumerate(
        [(public, "Leitung"), (members, "Moderation"), (hidden, "Auswertung")]
    ):
        ProjectContact.objects.create(page=project, person=person, role=role, sort_order=number)
    project.save_revision().publish()
    return project, public, members, hidden


def test_visitor_sees_only_public_contacts(client, project_with_contacts):
    project, *_ = project_with_contacts
    html = client.get(project.url).content.decode()
    assert "Erika Öffentlich" in html and "erika@example.org" in html
    assert "Max Mitglied" not in html and "max@example.org" not in html
    assert "Vera Verborgen" not in html and "vera@example.org" not in html
    assert html.count("Kontakt auf Anfrage") == 2
    assert "Moderation" in html  # the role stays, the person does not


def test_member_also_sees_members_only_contacts(client, member, project_with_contacts):
    project, *_ = project_with_contacts
    client.force_login(member)
    html = client.get(project.url).content.decode()
    assert "Max Mitglied" in html and "Vera Verborgen" not in html


def test_erased_person_leaves_kontakt_auf_anfrage(client, project_with_contacts):
    project, public, *_ = project_with_contacts
    public.delete()
    assert ProjectContact.objects.filter(page=project, person__isnull=True).count() == 1
    html = client.get(project.url).content.decode()
    assert "Erika Öffentlich" not in html and html.count("Kontakt auf Anfrage") == 3


def test_working_group_links_to_its_body(client, section):
    body = BodyFactory(name="AG Familie und Generationen")
    project = ProjectPageFactory()
    WorkingGroup.objects.create(page=project, name="AG 5: Familie und Generationen", body=body)
    project.save_revision().publish()
    html = client.get(project.url).content.decode()
    assert f'href="{body.get_absolute_url()}"' in html


def test_municipality_profile_lists_projects_reports_and_data_reports(client, section):
    municipality = MunicipalityFactory()  # Lüdenscheid 05962032
    ortsteil = Region.objects.create(
        code="05962032001", name="Altstadt", level=5, parent=municipality.region
    )
    ProjectPageFactory(title="Demografiekonzept Lüdenscheid", region=municipality.region)
    ReportPageFactory(title="Planungspapier Lüdenscheid", region=municipality.region, year=2019)
    DataReportPageFactory(title="Datenbericht Altstadt", region=ortsteil)
    ProjectPageFactory(title="Projekt anderswo", region=Region.objects.get(code="05358"))
    draft = ProjectPageFactory(title="Entwurf Lüdenscheid", region=municipality.region)
    draft.unpublish()
    html = client.get(municipality.get_absolute_url()).content.decode()
    for title in (
        "Demografiekonzept Lüdenscheid",
        "Planungspapier Lüdenscheid",
        "Datenbericht Altstadt",
    ):
        assert title in html
    assert "Projekt anderswo" not in html and "Entwurf Lüdenscheid" not in html
    for heading in ("Projekte", "Berichte", "Datenberichte"):
        assert f">{heading}</h2>" in html


def test_tools_used_link_to_catalogue_tool_pages(client, section):
    from catalogue.factories import ToolPageFactory
    from projects.models import ProjectTool, ReportTool

    tool = ToolPageFactory(title="Bürgerbus Rureifel")
    project = ProjectPageFactory(title="Mobil im Dorf")
    ProjectTool.objects.create(page=project, tool=tool)
    project.save_revision().publish()
    report = ReportPageFactory(title="Mobilitätsbericht")
    ReportTool.objects.create(page=report, tool=tool)
    report.save_revision().publish()
    for page in (project, report):
        html = client.get(page.url).content.decode()
        assert f'<a href="{tool.url}">Bürgerbus Rureifel</a>' in html
    tool.unpublish()
    assert "Bürgerbus Rureifel" not in client.get(project.url).content.decode()


def test_tool_page_lists_the_projects_and_reports_that_used_it(client, section, kreuzau):
    from catalogue.factories import ToolPageFactory
    from projects.models import ProjectTool, ReportTool

    tool = ToolPageFactory(title="Bürgerbus Rureifel")
    project = ProjectPageFactory(title="Mobil im Dorf", region=kreuzau)
    project.period_start = datetime.date(2019, 4, 1)
    ProjectTool.objects.create(page=project, tool=tool)
    project.save_revision().publish()
    report = ReportPageFactory(title="Mobilitätsbericht", year=2021)
    ReportTool.objects.create(page=report, tool=tool)
    report.save_revision().publish()
    draft = ProjectPageFactory(title="Noch nicht veröffentlicht", live=False)
    ProjectTool.objects.create(page=draft, tool=tool)

    section_html = client.get(tool.url).content.decode()
    uses = section_html[section_html.index('id="uses-title"') :]
    assert uses.index("Mobilitätsbericht") < uses.index("Mobil im Dorf")  # newest first
    assert f'<a href="{project.url}">Mobil im Dorf</a>' in uses
    assert "Projekt · Kreuzau · 2019" in uses
    assert "Bericht · 2021" in uses
    assert "Noch nicht veröffentlicht" not in section_html

    project.unpublish()
    report.unpublish()
    assert 'id="uses-title"' not in client.get(tool.url).content.decode()


def test_tool_chooser_offers_only_catalogue_tools():
    from wagtail.admin.widgets import AdminPageChooser

    from catalogue.models import ToolPage
    from projects.models import ProjectTool, ReportTool

    for model in (ProjectTool, ReportTool):
        assert model._meta.get_field("tool").related_model is ToolPage
        form_class = model.panels[0].bind_to_model(model).get_form_class()
        widget = form_class.base_fields["tool"].widget
        assert isinstance(widget, AdminPageChooser)
        assert widget.target_models == [ToolPage]
