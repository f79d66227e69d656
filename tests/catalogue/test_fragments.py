"""The tool page's content is kept per content version (`{% fragment "tool" %}`): publishing,
a contact's visibility, a related tool's restriction renew it, and a members-only contact never
reaches the public through it. The page cache is off: every request renders its page."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from catalogue.factories import ToolPageFactory
from network.factories import PersonFactory
from werkstatt import contentcache

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def tool(catalogue):
    person = PersonFactory(name="Erika Kontakt", visibility="public")
    return ToolPageFactory(parent=catalogue, title="Wohnlotsen", contact=person)


def page(client, tool):
    response = client.get(tool.url)
    assert response.status_code == 200
    return response.content.decode()


def kept(client, tool):
    """The tool page twice; the second rendering uses the kept fragment."""
    first = page(client, tool)
    assert any(key[1] == "tool" and key[2] == tool.pk for key in contentcache.near("fragment"))
    assert page(client, tool) == first
    return first


def test_publish_renews_the_tool(client, tool):
    assert "<h1>Wohnlotsen</h1>" in kept(client, tool)
    tool.title = "Wohnlotsen im Kreis"
    tool.save_revision().publish()
    assert "<h1>Wohnlotsen im Kreis</h1>" in page(client, tool)


def test_a_contact_made_members_only_leaves_the_public_page_at_once(client, member, tool):
    assert "Erika Kontakt" in kept(client, tool)
    tool.contact.visibility = "members"
    tool.contact.save()
    html = page(client, tool)
    assert "Erika Kontakt" not in html and "Kontakt auf Anfrage" in html
    members = Client()
    members.force_login(member)
    for _ in range(2):  # members render their own page; the public fragment stays theirs
        assert "Erika Kontakt" in page(members, tool)
        assert "Erika Kontakt" not in page(client, tool)


def test_a_restricted_related_tool_leaves_the_public_page_at_once(client, member, catalogue, tool):
    other = ToolPageFactory(parent=catalogue, title="Seniorenlotsen")
    assert "Seniorenlotsen" in kept(client, tool)
    PageViewRestriction.objects.create(page=other, restriction_type=PageViewRestriction.LOGIN)
    assert "Seniorenlotsen" not in page(client, tool)
    members = Client()
    members.force_login(member)
    assert "Seniorenlotsen" in page(members, tool)


def test_the_print_view_has_its_own_fragment(client, tool):
    kept(client, tool)
    printed = client.get(tool.url + "?druck=1").content.decode()
    assert 'class="print-notice' in printed
    assert 'class="print-notice' not in page(client, tool)
