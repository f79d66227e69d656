"""Autosave and submit of a new page: Wagtail's autosave creates the page as a draft while the
form still posts to the create view (the switch to the edit view comes with the autosave's
answer); a submit in between must not meet the editor's own draft as „Kurztitel wird bereits
verwendet“."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from catalogue.models import ToolPage
from network.role_setup import setup_roles
from taxonomy.models import ActionField

from .test_admin import tool_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_url(catalogue):
    setup_roles()  # the review workflow on the tree
    return reverse("wagtailadmin_pages:add", args=["catalogue", "toolpage", catalogue.pk])


def form(**fields):
    field = ActionField.objects.get(slug="buergerbeteiligung-und-engagement")
    data = tool_form("Seniorenbeirat stärken", "seniorenbeirat", field, **fields)
    data.pop("action-publish")
    return data


def autosave(client, url):
    response = client.post(url, form(), HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["success"], response.content[:500]
    return ToolPage.objects.get(slug="seniorenbeirat")


def test_own_autosaved_draft_does_not_block_the_submit(client, editor, add_url):
    client.force_login(editor)
    draft = autosave(client, add_url)
    assert not draft.live
    response = client.post(add_url, {**form(summary="Fertig."), "action-submit": "submit"})
    assert response.status_code == 302, response.content.decode()[:3000]
    tool = ToolPage.objects.get(slug="seniorenbeirat")  # one page, not two
    assert tool.summary == "Fertig."
    assert tool.workflow_in_progress  # submitted for review


def test_a_draft_of_someone_else_still_blocks(client, editor, add_url):
    other = User.objects.create_superuser("andere", "andere@example.org", "x")
    client.force_login(other)
    draft = autosave(client, add_url)
    client.force_login(editor)
    response = client.post(add_url, {**form(), "action-submit": "submit"})
    assert response.status_code == 200
    assert "bereits verwendet" in response.content.decode()
    assert ToolPage.objects.filter(pk=draft.pk).exists()


def test_an_own_published_page_still_blocks(client, editor, add_url):
    client.force_login(editor)
    response = client.post(add_url, {**form(), "action-publish": "publish"})
    assert response.status_code == 302
    response = client.post(add_url, {**form(), "action-submit": "submit"})
    assert response.status_code == 200
    assert "bereits verwendet" in response.content.decode()
    assert ToolPage.objects.filter(slug="seniorenbeirat").count() == 1
