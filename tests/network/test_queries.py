"""Query counts of the directory pages and the contacts API are pinned and do not grow per person."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(site_tree):
    """A site with its settings row, as in production."""


# page -> most queries an uncached anonymous request may cost (measured, then pinned)
BUDGET = {
    "/netzwerk/personen/": 12,
    "/api/v1/netzwerk/kontakte/": 6,
}


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers={"Cookie": "sessionid=none"})  # bypass the page cache
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", sorted(BUDGET))
def test_directory_costs_the_same_queries_for_5_and_20_people(client, directory, path):
    queries(client, path)  # warm-up: Wagtail caches the site root paths on first use
    few = queries(client, path)
    organisation = directory["stabsstelle"]
    for number in range(15):
        PersonFactory(
            name=f"Person {number}",
            organisation=organisation,
            municipality=directory["luedenscheid"],
        )
    many = queries(client, path)
    assert many == few
    assert many <= BUDGET[path]
