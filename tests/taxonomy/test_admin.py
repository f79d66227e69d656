"""Taxonomy snippets in the Wagtail admin: listing, search, filter, create, reorder."""

import pytest
from django.urls import reverse

from taxonomy.models import ActionField, Region, TargetGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def test_action_fields_are_seeded_in_order():
    names = list(ActionField.objects.values_list("name", flat=True))
    assert names[0] == "Fachkräfte"
    assert "Mobilität & Nahversorgung" in names
    assert len(names) == 9
    assert TargetGroup.objects.filter(slug="seniorinnen-und-senioren").exists()


def test_snippet_listings_search_and_filter(admin_client):
    url = reverse("wagtailsnippets_taxonomy_region:list")
    response = admin_client.get(url, {"q": "Düren"})
    assert response.status_code == 200
    assert "05358" in response.content.decode()
    response = admin_client.get(url, {"level": "1"})
    html = response.content.decode()
    assert "Nordrhein-Westfalen" in html and "05358" not in html
    for model in ("actionfield", "targetgroup"):
        assert (
            admin_client.get(reverse(f"wagtailsnippets_taxonomy_{model}:list")).status_code == 200
        )


def test_editor_adds_an_action_field(admin_client):
    url = reverse("wagtailsnippets_taxonomy_actionfield:add")
    response = admin_client.post(
        url,
        {
            "name": "Klima & Demografie",
            "slug": "klima",
            "description": "",
            "colour": "#225522",
            "icon": "wohnen",
        },
    )
    assert response.status_code == 302
    assert ActionField.objects.filter(slug="klima").exists()
    response = admin_client.post(
        url, {"name": "Kaputt", "slug": "kaputt", "colour": "grün", "icon": "wohnen"}
    )
    assert response.status_code == 200
    assert "Bitte eine Farbe" in response.content.decode()


def test_editor_reorders_action_fields(admin_client):
    first, second = ActionField.objects.all()[:2]
    url = reverse("wagtailsnippets_taxonomy_actionfield:reorder", args=[first.pk])
    response = admin_client.post(url + "?position=1")
    assert response.status_code == 200
    assert list(ActionField.objects.all()[:2]) == [second, first]


def test_region_snippet_is_not_visible_to_anonymous(client):
    response = client.get(reverse("wagtailsnippets_taxonomy_region:list"))
    assert response.status_code == 302
    assert Region.objects.count() > 400
