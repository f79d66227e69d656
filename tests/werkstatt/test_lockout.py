"""Login throttling: 20 wrong passwords lock a username from one address on both login pages."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

LIMIT = 20
LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"
PAGES = {
    "members": ("/anmelden/", "mitglied"),
    "admin": ("/admin/login/", "redaktion"),
}


def attempt(client, path, username, password):
    return client.post(path, {"username": username, "password": password})


def fail(client, path, username, times):
    return [attempt(client, path, username, "falsch-123").status_code for _ in range(times)]


@pytest.fixture
def accounts(member, editor):
    return {"mitglied": member, "redaktion": editor}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_twenty_wrong_passwords_lock_even_the_right_one(page, accounts):
    path, username = PAGES[page]
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = fail(client, path, username, LIMIT - 1)
    assert statuses == [200] * (LIMIT - 1)  # the form again, with the ordinary error
    assert attempt(client, path, username, "falsch-123").status_code == 429
    refused = attempt(client, path, username, "geheim-123")
    assert refused.status_code == 429
    body = refused.content.decode()
    assert LOCKED in body and "30 Minuten gesperrt" in body
    assert 'name="password"' in body  # the login page itself, not a bare error page
    assert SESSION_KEY not in client.session


def test_members_page_keeps_its_layout_when_locked(accounts):
    client = Client(REMOTE_ADDR="203.0.113.7")
    fail(client, "/anmelden/", "mitglied", LIMIT)
    body = attempt(client, "/anmelden/", "mitglied", "geheim-123").content.decode()
    assert "Anmelden für Netzwerkmitglieder" in body and 'role="alert"' in body


def test_admin_login_shows_the_german_message_in_wagtails_page(accounts):
    client = Client(REMOTE_ADDR="203.0.113.7")
    fail(client, "/admin/login/", "redaktion", LIMIT)
    body = attempt(client, "/admin/login/", "redaktion", "geheim-123").content.decode()
    assert 'class="login-form"' in body
    assert f'<li class="error">{LOCKED}' in body


def test_nineteen_failures_then_the_right_password_logs_in_and_resets(accounts):
    client = Client(REMOTE_ADDR="203.0.113.7")
    fail(client, "/anmelden/", "mitglied", LIMIT - 1)
    assert attempt(client, "/anmelden/", "mitglied", "geheim-123").status_code == 302
    assert client.session[SESSION_KEY] == str(accounts["mitglied"].pk)
    client.logout()
    # The success reset the count: another 19 failures still do not lock.
    assert fail(client, "/anmelden/", "mitglied", LIMIT - 1) == [200] * (LIMIT - 1)


def test_a_stranger_elsewhere_cannot_lock_the_member_out(accounts):
    fail(Client(REMOTE_ADDR="198.51.100.9"), "/anmelden/", "mitglied", LIMIT + 2)
    member = Client(REMOTE_ADDR="203.0.113.7")
    assert attempt(member, "/anmelden/", "mitglied", "geheim-123").status_code == 302


def test_unlock_command_lifts_the_lock(accounts, capsys):
    client = Client(REMOTE_ADDR="203.0.113.7")
    fail(client, "/admin/login/", "redaktion", LIMIT)
    assert attempt(client, "/admin/login/", "redaktion", "geheim-123").status_code == 429
    call_command("unlock_login", "redaktion")
    assert "Anmeldesperre für „redaktion“ aufgehoben" in capsys.readouterr().out
    assert attempt(client, "/admin/login/", "redaktion", "geheim-123").status_code == 302
    call_command("unlock_login", "redaktion")
    assert "keine Fehlversuche" in capsys.readouterr().out


def test_lock_ends_after_the_cooloff(accounts, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt

    client = Client(REMOTE_ADDR="203.0.113.7")
    fail(client, "/anmelden/", "mitglied", LIMIT)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=31)
    )
    assert attempt(client, "/anmelden/", "mitglied", "geheim-123").status_code == 302


def test_behind_the_proxy_the_lock_is_per_forwarded_address(accounts, settings):
    """With one trusted proxy the lock holds the guesser's address, not the proxy's, and a
    forged X-Forwarded-For entry further left does not get the guesser a fresh count."""
    settings.WERKSTATT_TRUSTED_PROXIES = 1
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    fail(guesser, "/anmelden/", "mitglied", LIMIT)
    forged = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.9")
    assert attempt(forged, "/anmelden/", "mitglied", "geheim-123").status_code == 429
    colleague = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert attempt(colleague, "/anmelden/", "mitglied", "geheim-123").status_code == 302
