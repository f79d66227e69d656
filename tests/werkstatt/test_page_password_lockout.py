"""Page passwords under the logins' lockout (issue 30: 100 wrong passwords answered 200, then
the right one was accepted). Per restriction and client, like username and address."""

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture
def protected(site_tree):
    page = Page.objects.get(slug="impressum")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="kennwort-123"
    )
    return page, restriction


def url(page, restriction):
    return f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def guess(client, page, restriction, password):
    return client.post(url(page, restriction), {"password": password, "return_url": "/impressum/"})


def test_twenty_wrong_passwords_lock_this_client_out_of_this_page(protected):
    page, restriction = protected
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(19):
        assert guess(guesser, page, restriction, "falsch").status_code == 200
    locked = guess(guesser, page, restriction, "falsch")
    assert locked.status_code == 429
    assert "Zu viele falsche Passwörter" in locked.content.decode()
    right = guess(guesser, page, restriction, "kennwort-123")
    assert right.status_code == 429  # even the right password, while locked
    assert "Zu viele falsche Passwörter" in right.content.decode()
    assert "<h1>Impressum</h1>" not in guesser.get("/impressum/").content.decode()
    # another visitor is not locked out
    other = Client(REMOTE_ADDR="203.0.113.10")
    assert guess(other, page, restriction, "kennwort-123").status_code == 302
    assert "<h1>Impressum</h1>" in other.get("/impressum/").content.decode()


def test_a_right_password_resets_the_count(protected):
    page, restriction = protected
    client = Client(REMOTE_ADDR="203.0.113.11")
    for _ in range(15):
        guess(client, page, restriction, "falsch")
    assert guess(client, page, restriction, "kennwort-123").status_code == 302
    for _ in range(15):
        assert guess(client, page, restriction, "falsch").status_code == 200
