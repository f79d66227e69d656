"""axe-core on the account pages: login (also locked), password reset and its answers."""

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_and_reset_pages_have_no_axe_violations(site_tree, assert_accessible):
    assert_accessible("/anmelden/")
    assert_accessible("/anmelden/passwort-vergessen/")
    assert_accessible("/anmelden/passwort-vergessen/gesendet/")
    assert_accessible("/anmelden/neues-passwort/MQ/ungueltig-123/")  # the "link expired" page
    assert_accessible("/anmelden/neues-passwort/fertig/")


def test_reset_form_with_error_has_no_axe_violations(site_tree, browser_page):
    browser_page.goto("/anmelden/passwort-vergessen/")
    browser_page.page.fill("input[name=email]", "kein-at-zeichen")
    browser_page.page.evaluate("document.querySelector('main form').noValidate = true")
    browser_page.page.click("main button[type=submit]")
    assert "gültige E-Mail-Adresse" in browser_page.page.content()
    assert browser_page.axe_violations() == []


def test_locked_login_page_has_no_axe_violations(site_tree, member, browser_page):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username="mitglied",
        ip_address="127.0.0.1",
        user_agent="",
        http_accept="",
        path_info="/anmelden/",
        get_data="",
        post_data="",
        failures_since_start=20,
        attempt_time=timezone.now(),
    )
    browser_page.goto("/anmelden/")
    browser_page.page.fill("input[name=username]", "mitglied")
    browser_page.page.fill("input[name=password]", "geheim-123")
    browser_page.page.click("main button[type=submit]")
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in browser_page.page.content()
    assert browser_page.axe_violations() == []
