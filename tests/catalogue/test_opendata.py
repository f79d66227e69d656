"""Open data: the three files list exactly the public tools with official region codes and the
licence, the CSV re-imports into an empty catalogue, and the DCAT-AP.de description carries
the mandatory properties (checked with SHACL)."""

import io
import json

import pandas as pd
import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from catalogue import opendata
from catalogue.factories import ToolPageFactory
from catalogue.importer import import_catalogue
from catalogue.models import ToolPage
from catalogue.spreadsheet_columns import tool_values
from network.models import Person
from projects.factories import ProjectPageFactory, ReportPageFactory
from projects.models import ProjectTool, ReportTool
from taxonomy.models import Region
from werkstatt.spreadsheets import read_table

pytestmark = pytest.mark.django_db

SECRET = "Geheimwerkzeug Moosbrunn"
DRAFT = "Entwurfswerkzeug Quellental"
CONTACT = "Gerlinde Quastenberg"
FILES = (
    "/offene-daten/werkzeuge.csv",
    "/offene-daten/werkzeuge.xlsx",
    "/offene-daten/werkzeuge.json",
)


@pytest.fixture
def world(catalogue, sample_frame, django_capture_on_commit_callbacks):
    """The sample file imported, a restricted tool, a draft, a contact, public and restricted uses."""
    result = import_catalogue(sample_frame, catalogue)
    assert result.ok, result.errors
    person = Person.objects.create(
        name=CONTACT, visibility="public", consent_given=True, consent_date="2024-01-01"
    )
    tool = ToolPage.objects.get(import_id="BSP-001")
    tool.contact = person
    tool.contact_name = CONTACT
    tool.transferability = "Ein Verein und ein Kleinbus."
    tool.save_revision().publish()
    secret = ToolPageFactory(parent=catalogue, title=SECRET)
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    ToolPageFactory(parent=catalogue, title=DRAFT, live=False)
    project = ProjectPageFactory(title="Mobil im Rurtal")
    ProjectTool.objects.create(page=project, tool=tool)
    hidden_report = ReportPageFactory(title="Interner Prüfbericht Rurtal")
    ReportTool.objects.create(page=hidden_report, tool=tool)
    PageViewRestriction.objects.create(
        page=hidden_report, restriction_type=PageViewRestriction.LOGIN
    )
    return {"catalogue": catalogue, "tool": tool, "project": project}


def _csv_frame(client):
    return read_table(io.BytesIO(client.get(FILES[0]).content), filename="werkzeuge.csv")


def test_files_list_exactly_the_public_tools_with_codes_licence_and_uses(world, member):
    client = Client()
    public = list(ToolPage.objects.live().public().order_by("path"))
    assert len(public) == 4
    bodies = {}
    for url in FILES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*"
        bodies[url] = response.content
        for needle in (SECRET, DRAFT, CONTACT, "Interner Prüfbericht"):
            assert needle.encode() not in response.content, (url, needle)
    assert client.post(FILES[0]).status_code == 405

    csv = _csv_frame(client)
    assert list(csv.columns) == opendata.COLUMNS
    assert list(csv["ID"]) == [str(tool.pk) for tool in public]
    for _, row in csv.iterrows():
        region = Region.objects.get(code=row["AGS"])  # an official key of the shipped tree
        assert row["Regionsname"] == region.label
        assert row["Regionsebene"] == region.get_level_display()
        assert row["URL"].startswith("http://testserver/werkzeuge/")
    bus = csv[csv["Nr. im Katalog"] == "BSP-001"].iloc[0]
    assert bus["AGS"] == "05358" and bus["Budget (EUR)"] == "12.000,00"
    assert bus["Praxisbeispiel"] == "ja" and bus["Status"] == "bestehend"
    assert bus["Übertragbarkeit"] == "Ein Verein und ein Kleinbus."
    assert bus["Projekte und Berichte"] == (
        f"Projekt: Mobil im Rurtal – http://testserver{world['project'].url}"
    )

    xlsx = read_table(io.BytesIO(bodies[FILES[1]]), filename="werkzeuge.xlsx")
    pd.testing.assert_frame_equal(xlsx, csv)  # codes keep their leading zero in Excel, too

    data = json.loads(bodies[FILES[2]])
    assert data["lizenz"]["kennung"] == "dl-de/by-2-0"
    assert data["lizenz"]["url"] == "https://www.govdata.de/dl-de/by-2-0"
    assert "Destatis" in data["lizenz"]["namensnennung"]
    assert data["anzahl"] == len(public) == len(data["werkzeuge"])
    record = next(r for r in data["werkzeuge"] if r["nr_im_katalog"] == "BSP-001")
    assert record["region"] == {"ags": "05358", "name": "Düren (Kreis)", "ebene": "Kreis"}
    assert record["budget_eur"] == 12000.0 and record["jahre"] == [2017, 2018, 2019, 2020]
    assert record["praxisbeispiel"] is True
    assert [use["titel"] for use in record["projekte_und_berichte"]] == ["Mobil im Rurtal"]

    # a member gets the same open files (restricted pages stay out for everyone)
    client.force_login(member)
    assert client.get(FILES[2]).content == bodies[FILES[2]]


def test_the_csv_reimports_into_an_empty_catalogue(world, empty_catalogue):
    client = Client()
    frame = _csv_frame(client)
    result = import_catalogue(frame, empty_catalogue)
    assert result.ok, result.errors
    assert result.created == len(frame) == 4

    originals = {t.title: t for t in ToolPage.objects.child_of(world["catalogue"]).live().public()}
    copies = {t.title: t for t in ToolPage.objects.child_of(empty_catalogue)}
    assert set(copies) == set(originals)
    ignored = {"import_id", "contact_name", "region_id"}  # a new key; no contacts; see below
    for title, copy in copies.items():
        original = originals[title]
        want = {k: v for k, v in tool_values(original).items() if k not in ignored}
        got = {k: v for k, v in tool_values(copy).items() if k not in ignored}
        assert got == want, title
        assert copy.import_id == str(original.pk)
        assert copy.location_region == original.effective_region  # the AGS column

    # and the second catalogue's rows equal the first's, column for column
    again = _csv_frame(client)
    columns = [*opendata.IMPORT_COLUMNS[1:], "AGS"]  # all but the ID
    first = again[again["Katalog"] == world["catalogue"].title][columns].reset_index(drop=True)
    second = again[again["Katalog"] == empty_catalogue.title][columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(first, second)


# --- DCAT-AP.de --------------------------------------------------------------------------

# The mandatory properties of DCAT-AP.de 2.0 (DCAT-AP 2.1.1 plus the German additions), as
# SHACL: catalogue with title, description, one publisher, datasets; dataset with title and
# description; distribution with an access URL; a publisher that is a foaf:Agent with a name;
# the typed values the German profile requires where a property is used (licence and page IRIs,
# file types and languages from the EU vocabularies, IANA media types, geocoding IRIs).
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcatde: <http://dcat-ap.de/def/dcatde/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix w: <urn:werkstatt:shapes#> .

w:Catalog a sh:NodeShape ; sh:targetClass dcat:Catalog ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:description ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:publisher ; sh:minCount 1 ; sh:maxCount 1 ; sh:class foaf:Agent ] ;
  sh:property [ sh:path dcat:dataset ; sh:minCount 1 ; sh:class dcat:Dataset ] ;
  sh:property [ sh:path foaf:homepage ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dct:license ; sh:nodeKind sh:IRI ;
                sh:pattern "^http://dcat-ap.de/def/licenses/" ] ;
  sh:property [ sh:path dct:language ; sh:nodeKind sh:IRI ;
                sh:pattern "^http://publications.europa.eu/resource/authority/language/" ] .

w:Dataset a sh:NodeShape ; sh:targetClass dcat:Dataset ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:description ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:publisher ; sh:maxCount 1 ; sh:class foaf:Agent ] ;
  sh:property [ sh:path dcat:distribution ; sh:minCount 1 ; sh:class dcat:Distribution ] ;
  sh:property [ sh:path dcat:landingPage ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dcat:theme ; sh:nodeKind sh:IRI ;
                sh:pattern "^http://publications.europa.eu/resource/authority/data-theme/" ] ;
  sh:property [ sh:path dct:accrualPeriodicity ; sh:nodeKind sh:IRI ;
                sh:pattern "^http://publications.europa.eu/resource/authority/frequency/" ] ;
  sh:property [ sh:path dcatde:politicalGeocodingURI ; sh:nodeKind sh:IRI ;
                sh:pattern "^http://dcat-ap.de/def/politicalGeocoding/stateKey/[0-9]{2}$" ] ;
  sh:property [ sh:path dcatde:politicalGeocodingLevelURI ; sh:nodeKind sh:IRI ;
                sh:pattern "^http://dcat-ap.de/def/politicalGeocoding/Level/" ] .

w:Distribution a sh:NodeShape ; sh:targetClass dcat:Distribution ;
  sh:property [ sh:path dcat:accessURL ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dct:license ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ;
                sh:pattern "^http://dcat-ap.de/def/licenses/" ] ;
  sh:property [ sh:path dct:format ; sh:minCount 1 ; sh:nodeKind sh:IRI ;
                sh:pattern "^http://publications.europa.eu/resource/authority/file-type/" ] ;
  sh:property [ sh:path dcat:mediaType ; sh:nodeKind sh:IRI ;
                sh:pattern "^https://www.iana.org/assignments/media-types/" ] ;
  sh:property [ sh:path dcatde:licenseAttributionByText ; sh:nodeKind sh:Literal ] .

w:Agent a sh:NodeShape ; sh:targetClass foaf:Agent ;
  sh:property [ sh:path foaf:name ; sh:minCount 1 ; sh:nodeKind sh:Literal ] .
"""


def _graph(content):
    from rdflib import Graph

    return Graph().parse(data=content, format="json-ld")  # inline context: no download


def test_dcat_description_has_the_mandatory_dcat_ap_de_properties(world):
    from pyshacl import validate
    from rdflib import RDF, RDFS, Graph, Namespace, URIRef

    client = Client()
    response = client.get("/offene-daten/dcat.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    graph = _graph(response.content)
    # foaf:Organization is a foaf:Agent (the FOAF vocabulary says so; we state it for SHACL)
    foaf = Namespace("http://xmlns.com/foaf/0.1/")
    ontology = Graph()
    ontology.add((foaf.Organization, RDFS.subClassOf, foaf.Agent))
    conforms, _, report = validate(
        graph, shacl_graph=SHAPES, shacl_graph_format="turtle", ont_graph=ontology
    )
    assert conforms, report

    dcat = Namespace("http://www.w3.org/ns/dcat#")
    dct = Namespace("http://purl.org/dc/terms/")
    assert len(list(graph.subjects(RDF.type, dcat.Catalog))) == 1
    distributions = list(graph.subjects(RDF.type, dcat.Distribution))
    licence = URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
    assert sorted(str(d) for d in distributions) == sorted(f"http://testserver{f}" for f in FILES)
    for distribution in distributions:
        assert graph.value(distribution, dct.license) == licence
        url = str(graph.value(distribution, dcat.downloadURL))
        media_type = str(graph.value(distribution, dcat.mediaType)).rsplit("media-types/", 1)[1]
        download = client.get(url.removeprefix("http://testserver"))
        assert download.status_code == 200 and download["Content-Type"].startswith(media_type)
    dataset = graph.value(predicate=RDF.type, object=dcat.Dataset)
    geocoding = Namespace("http://dcat-ap.de/def/dcatde/").politicalGeocodingURI
    assert [str(o) for o in graph.objects(dataset, geocoding)] == [
        "http://dcat-ap.de/def/politicalGeocoding/stateKey/05"
    ]
    assert str(graph.value(dataset, dcat.landingPage)) == "http://testserver/offene-daten/"


def test_the_shapes_catch_a_missing_mandatory_property(world):
    """The check is not vacuous: without a licence or a title the description fails."""
    from pyshacl import validate

    description = json.loads(Client().get("/offene-daten/dcat.jsonld").content)
    for node in description["@graph"]:
        node.pop("dct:license", None)
        if node["@type"] == "dcat:Dataset":
            node.pop("dct:title")
    conforms, _, report = validate(
        _graph(json.dumps(description)), shacl_graph=SHAPES, shacl_graph_format="turtle"
    )
    assert not conforms
    assert "Result Path: dct:license" in report and "Result Path: dct:title" in report


def test_open_data_page_links_the_files_and_states_the_licence(world):
    response = Client().get("/offene-daten/")
    assert response.status_code == 200
    text = response.content.decode()
    for url in (*FILES, "/offene-daten/dcat.jsonld", "https://www.govdata.de/dl-de/by-2-0"):
        assert f'href="{url}"' in text, url
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in text
    assert "4 Werkzeuge" in text
    assert 'href="/offene-daten/"' in Client().get("/werkzeuge/").content.decode()
