"""/sitemap.xml lists every page anyone may open and nothing restricted; robots.txt points at it.

One world: the whole demo plus a login-restricted report, a password-restricted catalogue (its
tools are restricted with it), a draft, and contacts of every visibility.
"""

import re
import xml.etree.ElementTree as ET
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command
from django.test import Client, RequestFactory
from wagtail.models import Page, PageViewRestriction

from catalogue.models import ToolPage
from network.models import Body, Municipality, Organisation, Person, Visibility
from projects.models import MunicipalityFolderPage, ReportPage
from werkstatt.visibility import viewable

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ROOT_URL = "http://testserver"  # WAGTAILADMIN_BASE_URL of the test settings, the demo site


@pytest.fixture
def world(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    report = ReportPage.objects.live().first()
    folder = MunicipalityFolderPage.objects.exclude(pk=report.get_parent().pk).first()
    tools = ToolPage.objects.live().order_by("path")
    grouped, draft = tools[0], tools[1]
    PageViewRestriction.objects.create(page=report, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(
        page=folder, restriction_type=PageViewRestriction.PASSWORD, password="kennwort-123"
    )
    restriction = PageViewRestriction.objects.create(
        page=grouped, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Steuerkreis"))
    draft.unpublish()
    return {"restricted": [report, folder, grouped], "draft": draft}


def _sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = [
        loc.text
        for loc in ET.fromstring(response.content).findall("sm:url/sm:loc", NS)  # noqa: S314 (own output)
    ]
    assert locations, "the sitemap lists something"
    assert all(loc.startswith(ROOT_URL + "/") for loc in locations), "one host for all"
    paths = [urlsplit(loc).path for loc in locations]
    assert len(paths) == len(set(paths)), "no address twice"
    return set(paths)


def _anonymous_request():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    return request


def test_sitemap_lists_every_public_page_and_no_restricted_one(world):
    client = Client()
    paths = _sitemap_paths(client)

    home = Page.objects.get(depth=2)
    live = Page.objects.live().descendant_of(home, inclusive=True)
    # the listing rule of the whole site (werkstatt.visibility) for an anonymous visitor
    public = viewable(live, _anonymous_request()).not_type(MunicipalityFolderPage)
    expected = {page.url for page in public}
    assert len(expected) > 30
    assert expected <= paths, f"missing: {sorted(expected - paths)}"

    restricted = {
        page.url
        for top in world["restricted"]
        for page in Page.objects.filter(path__startswith=top.path)
    }
    assert len(restricted) > 3  # the folder's pages come with it
    assert not restricted & paths
    assert world["draft"].url not in paths
    folders = MunicipalityFolderPage.objects.all()
    assert folders.exists() and not {f.url for f in folders} & paths

    # the directory: exactly what an anonymous visitor can open
    people = {p.get_absolute_url() for p in Person.objects.all()}
    public_people = {p.get_absolute_url() for p in Person.objects.visible_to(AnonymousUser())}
    assert public_people and public_people < people
    assert people & paths == public_people
    assert Person.objects.filter(visibility=Visibility.MEMBERS).exists()
    for model in (Municipality, Organisation, Body):
        assert {obj.get_absolute_url() for obj in model.objects.all()} <= paths
    assert {"/netzwerk/", "/netzwerk/personen/", "/netzwerk/kommunen/"} <= paths

    # every listed address opens for anyone, and none of them is a password form
    page_paths = paths - people
    for path in sorted(paths):
        response = client.get(path)
        assert response.status_code == 200, path
        if path in page_paths:
            assert b'name="password"' not in response.content, path

    # a new restriction leaves the (cached) sitemap at once
    tool = ToolPage.objects.live().public().first()
    client.get("/sitemap.xml")
    assert client.get("/sitemap.xml")["X-Werkstatt-Cache"] == "hit"
    PageViewRestriction.objects.create(page=tool, restriction_type=PageViewRestriction.LOGIN)
    assert tool.url not in _sitemap_paths(client)


# --- robots.txt ---------------------------------------------------------------------------


def _rules(text):
    """(allow, pattern) of the group for all user agents (RFC 9309)."""
    rules, ours = [], False
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            ours = value == "*"
        elif ours and key in ("allow", "disallow") and value:
            rules.append((key == "allow", value))
    return rules


def _allowed(rules, path):
    """RFC 9309: the longest matching pattern wins, `*` is any sequence, `$` the end; allow wins ties."""
    best = (-1, True)
    for allow, pattern in rules:
        regex = "".join(
            ".*" if c == "*" else "$" if c == "$" and i == len(pattern) - 1 else re.escape(c)
            for i, c in enumerate(pattern)
        )
        if re.match(regex, path) and (len(pattern), allow) > best:
            best = (len(pattern), allow)
    return best[1]


def test_robots_keeps_search_results_out_and_names_the_sitemap(site_tree):
    client = Client()
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {ROOT_URL}/sitemap.xml" in text.splitlines()
    rules = _rules(text)

    for path in (
        "/suche/",
        "/suche/?q=pflege&region=05",
        "/api/v1/suche/?q=pflege",
        "/werkzeuge/werkzeugkatalog-kreis-dueren/?handlungsfeld=wohnen",
        "/netzwerk/personen/?q=koch",
        "/werkzeuge/werkzeugkatalog-kreis-dueren/?druck=1",
        "/admin/",
        "/anmelden/",
        "/netzwerk/personen/3/nachricht/",
    ):
        assert not _allowed(rules, path), path
    # every address of the sitemap may be crawled
    for path in _sitemap_paths(client):
        assert _allowed(rules, path), path
    assert _allowed(rules, "/sitemap.xml")
