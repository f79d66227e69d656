"""The page cache: anonymous pages come from the cache and every kind of page change purges them."""

import io

import pytest
from django.db import transaction
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from werkstatt import contentversion, pagecache
from werkstatt.models import StandardPage

pytestmark = pytest.mark.django_db

STATUS = pagecache.STATUS_HEADER


def fetch(client, path, **headers):
    response = client.get(path, headers=headers)
    return response, response.content.decode()


def cached(client, path):
    """Fetch twice; the second answer must come from the cache."""
    first, _ = fetch(client, path)
    assert first.status_code == 200
    second, html = fetch(client, path)
    assert second[STATUS] == "hit", f"{path} was not cached"
    return html


def impressum():
    return StandardPage.objects.get(slug="impressum")


def test_anonymous_page_is_cached_with_headers_for_proxies(client, home_page):
    first, html = fetch(client, "/impressum/")
    assert first[STATUS] == "miss"
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    second, again = fetch(client, "/impressum/")
    assert second[STATUS] == "hit" and again == html
    assert second["ETag"] == first["ETag"]
    not_modified = client.get("/impressum/", headers={"If-None-Match": first["ETag"]})
    assert not_modified.status_code == 304


def test_publish_purges(client, home_page):
    assert "<h1>Impressum</h1>" in cached(client, "/impressum/")
    page = impressum()
    page.title = "Impressum und Kontakt"
    page.save_revision().publish()
    response, html = fetch(client, "/impressum/")
    assert response[STATUS] == "miss"
    assert "<h1>Impressum und Kontakt</h1>" in html


def test_publishing_a_child_purges_the_navigation_of_every_page(client, home_page):
    assert "Neuigkeiten" not in cached(client, "/impressum/")
    home_page.add_child(instance=StandardPage(title="Neuigkeiten", slug="neu", show_in_menus=True))
    assert "Neuigkeiten" in fetch(client, "/impressum/")[1]


def test_unpublish_purges(client, home_page):
    cached(client, "/impressum/")
    impressum().unpublish()
    assert client.get("/impressum/").status_code == 404


def test_move_purges(client, home_page):
    cached(client, "/impressum/")
    impressum().move(StandardPage.objects.get(slug="datenschutz"), pos="last-child")
    moved = client.get("/impressum/")
    assert moved.status_code == 301 and moved["Location"] == "/datenschutz/impressum/"
    assert client.get("/datenschutz/impressum/").status_code == 200


def test_view_restriction_purges_and_the_password_form_is_never_cached(client, home_page):
    cached(client, "/impressum/")
    restriction = PageViewRestriction.objects.create(
        page=impressum(), restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    for _ in range(2):
        response, html = fetch(client, "/impressum/")
        assert response[STATUS] == "skip"
        assert 'name="password"' in html and "<h1>Impressum</h1>" not in html
        assert "public" not in response.get("Cache-Control", "")
    restriction.delete()
    assert "<h1>Impressum</h1>" in fetch(client, "/impressum/")[1]


def test_members_only_page_redirects_anonymous_visitors_every_time(client, member, home_page):
    cached(client, "/impressum/")
    PageViewRestriction.objects.create(page=impressum(), restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response = client.get("/impressum/")
        assert response.status_code == 302 and response[STATUS] == "skip"
    member_client = Client()
    member_client.force_login(member)
    response, html = fetch(member_client, "/impressum/")
    assert "<h1>Impressum</h1>" in html and response[STATUS] == "skip"
    assert client.get("/impressum/").status_code == 302


def test_logged_in_visitors_neither_read_nor_fill_the_cache(client, member, home_page):
    member_client = Client()
    member_client.force_login(member)
    response, html = fetch(member_client, "/impressum/")
    assert response[STATUS] == "skip"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Abmelden" in html
    # The member's page was not stored: the anonymous visitor renders and stores their own.
    response, html = fetch(client, "/impressum/")
    assert response[STATUS] == "miss" and "Abmelden" not in html
    assert fetch(client, "/impressum/")[0][STATUS] == "hit"
    # ... and the member never gets the anonymous one.
    response, html = fetch(member_client, "/impressum/")
    assert response[STATUS] == "skip" and "Abmelden" in html


def test_forms_errors_search_and_admin_are_not_cached(client, home_page):
    for path in ("/anmelden/", "/suche/?q=Pflege", "/admin/login/"):
        client.get(path)
        assert client.get(path)[STATUS] == "skip", path
    for _ in range(2):
        assert client.get("/gibt-es-nicht/")[STATUS] == "skip"


def test_a_response_that_sets_a_cookie_is_not_cached(client, home_page):
    client.get("/anmelden/")  # the visitor now carries a CSRF cookie, which is no reason to skip
    assert "csrftoken" in client.cookies
    cached(client, "/impressum/")


def test_pages_still_render_when_the_cache_server_is_down(client, home_page, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # discard port: nothing listens
            # as configured for production: a failing cache is a miss, never an error
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    for _ in range(2):
        response, html = fetch(client, "/impressum/")
        assert response.status_code == 200 and "<h1>Impressum</h1>" in html
        assert response[STATUS] == "skip"
    page = impressum()
    page.title = "Impressum neu"
    page.save_revision().publish()  # purging fails quietly, publishing works
    assert "<h1>Impressum neu</h1>" in fetch(client, "/impressum/")[1]


def renews(action):
    """Whether `action` renews the version (after something was stored: inside this test's
    transaction a change renews at once only then)."""
    contentversion.note_stored()
    before = contentversion.current()
    action()
    return contentversion.current() != before


def test_any_model_loaddata_and_the_bulk_command_renew_the_version_bookkeeping_does_not(
    tmp_path, home_page
):
    """No list of content apps: a model of any app renews, so does a fixture load; an update()
    that sends no signal needs the command; a session save (bookkeeping) renews nothing."""
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    assert not renews(lambda: SessionStore().save())
    assert renews(lambda: Group.objects.create(name="Irgendeine Gruppe"))
    assert not renews(lambda: Page.objects.filter(slug="impressum").update(title="Per update()"))
    assert renews(lambda: call_command("renew_content_version", stdout=io.StringIO()))
    fixture = tmp_path / "seite.json"
    call_command("dumpdata", "wagtailcore.page", "--pks", str(impressum().pk), "-o", str(fixture))
    assert renews(lambda: call_command("loaddata", str(fixture), stdout=io.StringIO()))


@pytest.mark.django_db(transaction=True)
def test_a_transaction_of_many_changes_renews_once_now_and_once_at_commit(client, home_page):
    """A catalogue import saves thousands of rows in one transaction: not a version per row."""
    cached(client, "/impressum/")  # this process stored a page: the next change renews at once
    before = contentversion.current()
    page = impressum()
    with transaction.atomic():
        page.title = "Impressum eins"
        page.save()
        during = contentversion.current()
        assert during != before
        for title in ("Impressum zwei", "Impressum drei"):
            page.title = title
            page.save()
            assert contentversion.current() == during
        # A page stored now may show the change: the next change renews at once again.
        assert fetch(client, "/impressum/")[0][STATUS] == "miss"
        page.save_revision().publish()
        assert contentversion.current() != during
        at_end = contentversion.current()
    assert contentversion.current() != at_end  # the commit renewed it once more
    assert "<h1>Impressum drei</h1>" in fetch(client, "/impressum/")[1]


def test_a_response_carrying_a_csrf_token_is_never_stored_even_without_its_cookie(rf):
    """Django sets the CSRF cookie on such responses anyway; should that ever change, another
    visitor must still not get this visitor's token from the cache."""
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from werkstatt.pagecache import _response_cacheable

    plain = rf.get("/impressum/")
    assert _response_cacheable(plain, HttpResponse("<p>Impressum</p>"))
    with_form = rf.get("/impressum/")
    get_token(with_form)
    assert not _response_cacheable(with_form, HttpResponse("<form>…</form>"))
