"""The column snapshot across OS processes, as two web workers: B has loaded its snapshot when
A saves a new tool; B's next search finds it and counts it in its facets (the change log
brings B only the changed document, `search/backends/database/columns.py`)."""

import pytest

from search.backends import reset_backends
from taxonomy.models import ActionField

from ..catalogue.conftest import catalogue, section  # noqa: F401 - fixtures
from .conftest import around_a_change

SEARCH_TWICE = """
import sys
from search.backends import get_backend
from search.contract import SearchRequest
backend = get_backend("database")
def ask():
    response = backend.search(SearchRequest(q="Zukunftsdorf", filters={"art": ["werkzeug"]}))
    kinds = {bucket.value: bucket.count for bucket in response.facets["art"]}
    print(response.total, kinds.get("werkzeug", 0), flush=True)
ask()
sys.stdin.readline()
ask()
"""

SAVE_TOOL = """
from catalogue.models import CatalogueIndexPage, ToolPage
from taxonomy.models import ActionField
catalogue = CatalogueIndexPage.objects.get(slug="katalog-dueren")
tool = ToolPage(
    title="Quartiersfonds Zukunftsdorf", slug="zukunftsdorf", status="neu",
    primary_action_field=ActionField.objects.order_by("pk").first(),
)
catalogue.add_child(instance=tool)
tool.save_revision().publish()
"""


@pytest.mark.django_db(transaction=True)
def test_a_tool_saved_in_one_process_is_found_by_the_next_search_of_another(
    tmp_path,
    catalogue,  # noqa: F811
):
    assert ActionField.objects.exists()
    reset_backends()
    before, after = around_a_change(tmp_path, SEARCH_TWICE, SAVE_TOOL)
    assert before == ["0", "0"]  # B's snapshot is loaded before A saves
    assert after == ["1", "1"]
