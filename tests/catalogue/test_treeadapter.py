"""The treebeard internals the bulk page writer relies on, checked against what treebeard's
public `add_child` does (their release is pinned in tests/werkstatt/test_framework_internals.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.treeadapter import child_path, remember_parent
from werkstatt.models import StandardPage

pytestmark = pytest.mark.django_db


def test_child_path_is_the_path_add_child_gives(home_page):
    parent = home_page.add_child(instance=StandardPage(title="Eltern", slug="eltern"))
    predicted = child_path(parent, None)
    first = parent.add_child(instance=StandardPage(title="Eins", slug="eins"))
    assert first.path == predicted
    predicted = child_path(parent, first.path)
    second = parent.add_child(instance=StandardPage(title="Zwei", slug="zwei"))
    assert second.path == predicted and second.path > first.path
    assert second.path.startswith(parent.path) and second.depth == parent.depth + 1


def test_remembered_parent_is_answered_without_a_query(home_page):
    last = home_page.get_last_child()
    page = StandardPage(title="Kind", slug="kind", path=child_path(home_page, last.path))
    remember_parent(page, home_page)
    with CaptureQueriesContext(connection) as queries:
        assert page.get_parent() is home_page
    assert len(queries) == 0
    home_page.add_child(instance=StandardPage(title="Kind", slug="kind"))
    assert StandardPage.objects.get(slug="kind").path == page.path
