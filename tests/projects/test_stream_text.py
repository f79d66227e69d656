"""One way from a StreamField to text: a tool and a project with the same body give the same
text, in the search document and in the catalogue spreadsheet's description."""

import pytest

from catalogue.factories import ToolPageFactory
from catalogue.search_adapters import ToolAdapter
from catalogue.spreadsheet_columns import tool_values
from projects.factories import ProjectPageFactory
from projects.search_adapters import ProjectAdapter
from werkstatt.blocks import stream_text

pytestmark = pytest.mark.django_db

BODY = [
    ("heading", "Wie der Bürgerbus fährt"),
    (
        "text",
        "<p>Ehrenamtliche <b>fahren</b> Nachbarn &amp; Gäste.</p><p>Zeile eins<br/>Zeile zwei</p>",
    ),
    ("quote", {"text": "Ohne Bus kein Arzt.", "attribution": "Ortsvorsteherin Kreuzau"}),
]
EXPECTED = (
    "Wie der Bürgerbus fährt\n\n"
    "Ehrenamtliche fahren Nachbarn & Gäste.\n\n"
    "Zeile eins\nZeile zwei\n\n"
    "Ohne Bus kein Arzt.\n\n"
    "Ortsvorsteherin Kreuzau"
)


def test_tool_and_project_bodies_become_the_same_text(site_tree):
    tool = ToolPageFactory(title="Bürgerbus", body=BODY)
    project = ProjectPageFactory(title="Bürgerbus Kreuzau", body=BODY)
    assert stream_text(tool.body) == EXPECTED
    assert stream_text(project.body) == EXPECTED
    assert tool_values(tool)["description"] == EXPECTED
    tool_doc = ToolAdapter().to_document(type(tool).objects.get(pk=tool.pk))
    project_doc = ProjectAdapter().to_document(type(project).objects.get(pk=project.pk))
    assert tool_doc.body.startswith(EXPECTED)
    assert EXPECTED in project_doc.body
    assert "<" not in project_doc.body  # no rendered markup in the index


def test_empty_body_is_empty_text(site_tree):
    assert stream_text(ProjectPageFactory(title="Leer", body=[]).body) == ""
