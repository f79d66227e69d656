"""No button that leads to a refusal: what a catalogue's edit page and its header offer a
municipality editor, each link answers; the import only for those who may (the one rule,
catalogue.admin_views.may_import_catalogue)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def admin_links(html):
    return sorted(set(re.findall(r'href="(/admin/(?:werkzeugkatalog|import-vorlage)[^"]*)"', html)))


@pytest.mark.parametrize("role, may_import", [("editor_a", False), ("central", True)])
def test_catalogue_edit_page_offers_only_what_answers(client, world, role, may_import):
    client.force_login(world.users[role])
    catalogue = world.a.catalogue
    html = client.get(reverse("wagtailadmin_pages:edit", args=[catalogue.pk])).content.decode()
    import_url = reverse("catalogue_import", args=[catalogue.pk])
    assert (import_url in html) is may_import
    assert ("Werkzeuge importieren" in html) is may_import
    links = admin_links(html)
    assert links, "export links on the page"
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_editor_is_told_how_tools_come_in_instead(client, world):
    client.force_login(world.users["editor_a"])
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[world.a.catalogue.pk])
    ).content.decode()
    assert "importiert die zentrale Redaktion" in html
