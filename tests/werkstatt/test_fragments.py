"""What pages share per content version (werkstatt.contentcache, `{% fragment %}`) is renewed by
every change that renews the page cache, and members and the public never share a fragment.

The page cache is off here (PAGE_CACHE_SECONDS = 0): every request renders its page, so what a
visitor sees after a change comes from the kept fragments or from a new rendering of them.
"""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction, Site

from network.factories import PersonFactory
from taxonomy.models import ActionField
from werkstatt import contentcache
from werkstatt.models import SiteSettings, StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def news(home_page):
    """A section in the main navigation and among the home page's entries."""
    page = StandardPage(
        title="Neuigkeiten", slug="neu", show_in_menus=True, intro="Was es Neues gibt"
    )
    home_page.add_child(instance=page)
    return page


def home(client):
    """`/` twice; the second rendering uses the kept header and home fragments."""
    for _ in range(2):
        response = client.get("/")
        assert response.status_code == 200
    assert {"header", "home"} <= {key[1] for key in contentcache.near("fragment")}
    return response.content.decode()


def nav(html):
    return html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]


def footer(html):
    return html.split('<footer class="site-footer"', 1)[1]


def member_client(member):
    client = Client()
    client.force_login(member)
    return client


def test_fragments_are_kept_and_give_the_same_page(client, news):
    first = client.get("/").content.decode()
    assert "Neuigkeiten" in nav(first)
    assert home(client) == first


def test_publish_renews_the_navigation_and_the_home_sections(client, news):
    assert "Neuigkeiten" in nav(home(client))
    news.title = "Aktuelles"
    news.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Aktuelles" in nav(html) and "Neuigkeiten" not in html


def test_a_new_section_appears_at_once(client, news, home_page):
    home(client)
    home_page.add_child(instance=StandardPage(title="Termine", slug="termine", show_in_menus=True))
    html = client.get("/").content.decode()
    assert "Termine" in nav(html) and html.count(">Termine</a>") == 2  # navigation and entries


def test_unpublish_removes_the_section(client, news):
    assert "Neuigkeiten" in home(client)
    news.unpublish()
    assert "Neuigkeiten" not in client.get("/").content.decode()


def test_move_renews_the_footer_links(client, home_page):
    assert 'href="/impressum/"' in footer(home(client))
    StandardPage.objects.get(slug="impressum").move(
        StandardPage.objects.get(slug="datenschutz"), pos="last-child"
    )
    assert 'href="/datenschutz/impressum/"' in footer(client.get("/").content.decode())


def test_snippet_and_settings_saves_renew_the_fragments(client, home_page):
    field = ActionField.objects.order_by("sort_order").first()
    html = home(client)
    assert field.name in html
    field.name = "Ganz neues Handlungsfeld"
    field.save()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.operator = "Neuer Betreiber e. V."
    settings.save()
    html = client.get("/").content.decode()
    assert "Ganz neues Handlungsfeld" in html and "Neuer Betreiber e. V." in footer(html)


def test_a_view_restriction_hides_the_section_from_the_public_at_once(client, member, news):
    assert "Neuigkeiten" in home(client)
    restriction = PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Neuigkeiten" not in client.get("/").content.decode()
    assert "Neuigkeiten" in nav(member_client(member).get("/").content.decode())
    restriction.delete()
    assert "Neuigkeiten" in nav(client.get("/").content.decode())


def test_the_site_is_looked_up_per_host_and_again_after_a_site_change(client, home_page):
    second = Site.objects.create(
        hostname="zweite.example.org", root_page=StandardPage.objects.get(slug="impressum")
    )
    for _ in range(2):
        assert (
            "<h1>Impressum</h1>" in client.get("/", HTTP_HOST="zweite.example.org").content.decode()
        )
        assert "<h1>Impressum</h1>" not in client.get("/").content.decode()
    second.root_page = StandardPage.objects.get(slug="datenschutz")
    second.save()
    html = client.get("/", HTTP_HOST="zweite.example.org").content.decode()
    assert "<h1>Impressum</h1>" not in html and "Datenschutz" in html


def test_publishing_the_home_page_shows_at_once(client, home_page):
    home(client)
    home_page.title = "Neue Startseite"
    home_page.save_revision().publish()
    assert '<h1 id="hero-title">Neue Startseite</h1>' in client.get("/").content.decode()


def test_routes_follow_publish_unpublish_and_move(client, news):
    child = StandardPage(title="Termine", slug="termine")
    news.add_child(instance=child)
    for _ in range(2):
        assert client.get("/neu/termine/").status_code == 200
        assert client.get("/neu/spaeter/").status_code == 404  # a 404 is never kept
    news.add_child(instance=StandardPage(title="Später", slug="spaeter"))
    assert client.get("/neu/spaeter/").status_code == 200
    child.slug = "kalender"
    child.save_revision().publish()
    assert client.get("/neu/kalender/").status_code == 200
    child.refresh_from_db()
    child.move(StandardPage.objects.get(slug="impressum"), pos="last-child")
    assert client.get("/impressum/kalender/").status_code == 200
    assert client.get("/neu/kalender/").status_code != 200
    StandardPage.objects.get(pk=child.pk).unpublish()
    assert client.get("/impressum/kalender/").status_code == 404


def test_a_person_visibility_change_drops_everything_kept(client, home_page, rf):
    person = PersonFactory(visibility="public")
    home(client)
    contentcache.cached(rf.get("/"), "test", None, lambda: "alt")
    person.visibility = "members"
    person.save()
    assert contentcache.cached(rf.get("/"), "test", None, lambda: "neu") == "neu"
    assert contentcache.near("fragment") == []  # the next request found a new version


def test_members_and_the_public_never_share_a_fragment(client, member, news):
    PageViewRestriction.objects.create(
        page=news.add_child(instance=StandardPage(title="Intern", slug="intern")),
        restriction_type=PageViewRestriction.LOGIN,
    )
    secret = StandardPage(title="Mitgliederbereich", slug="mitglieder", show_in_menus=True)
    news.get_parent().add_child(instance=secret)
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    members = member_client(member)
    for order in ("public first", "members first"):
        contentcache.clear_near()
        visitors = [client, members] if order == "public first" else [members, client]
        for visitor in visitors * 2:
            kept_before = contentcache.near("fragment")
            html = visitor.get("/").content.decode()
            if visitor is members:
                assert "Abmelden" in html and "Mitgliederbereich" in nav(html), order
                assert contentcache.near("fragment") == kept_before  # members keep nothing
            else:
                assert "Abmelden" not in html and "Mitgliederbereich" not in html, order
                assert 'href="/anmelden/"' in nav(html)


def test_a_fragment_that_uses_the_csrf_token_is_not_kept(home_page):
    template = Template(
        "{% load werkstatt_tags %}{% fragment 'formular' %}{% csrf_token %}{% endfragment %}"
        "{% fragment 'text' %}Hallo{% endfragment %}"
    )
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = template.render(RequestContext(request, {}))  # the csrf context processor included
    assert 'name="csrfmiddlewaretoken"' in html
    assert {key[1] for key in contentcache.near("fragment")} == {"text"}
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"]  # the token still goes out as a cookie


def test_blocked_paths_of_visitors_are_wagtails_own_answer_for_every_restriction_type(news, rf):
    """Visitors without login or password get the kept restricted paths; that must be exactly
    what Wagtail's accept_request refuses them, for each restriction type, also `none`."""
    from django.contrib.sessions.backends.db import SessionStore

    from werkstatt.visibility import blocked_paths

    group = Group.objects.create(name="Steuerkreis")
    for kind in ("login", "groups", "password", "none"):
        page = news.add_child(instance=StandardPage(title=kind, slug=kind))
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password="geheim"
        )
        if kind == "groups":
            restriction.groups.add(group)

    def visitor(passed=()):
        request = rf.get("/")
        request.user = AnonymousUser()
        request.session = SessionStore()
        if passed:
            request.session[PageViewRestriction.passed_view_restrictions_session_key] = passed
        return request

    def wagtails_answer(request):
        return {
            r.page.path for r in PageViewRestriction.objects.all() if not r.accept_request(request)
        }

    anonymous = visitor()
    assert (
        set(blocked_paths(anonymous)) == wagtails_answer(visitor())
        and len(wagtails_answer(visitor())) == 3
    )
    password = PageViewRestriction.objects.get(restriction_type="password")
    with_password = visitor(passed=[password.pk])
    assert set(blocked_paths(with_password)) == wagtails_answer(visitor(passed=[password.pk]))
    assert password.page.path not in blocked_paths(with_password)


def test_the_search_warm_up_renders_with_a_host_production_does_not_allow(
    home_page, settings, caplog
):
    """The worker's warm-up renders the search page in process (RequestFactory's host
    `testserver`): navigation and fragments key by the host as Wagtail reads it, unchecked."""
    from search.views import warm

    settings.ALLOWED_HOSTS = ["werkstatt.example.org"]
    warm()
    assert "Vorwärmen beim Start fehlgeschlagen" not in caplog.text
