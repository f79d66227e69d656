"""A page's view restriction holds everywhere its title or text could appear.

One world: the whole demo, indexed, plus a login-restricted report, a password-restricted
report and a tool restricted to a group *after* it was indexed. Then an anonymous visitor and
a network member crawl every public page, the search page, the JSON APIs and the suggestions,
and we grep every response.
"""

import json
from io import StringIO
from urllib.parse import urlencode, urlparse

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

from catalogue.models import CatalogueIndexPage, ToolPage
from network.models import Person, Visibility
from projects.models import ReportPage, ReportTool
from search.drift import restricted_keys
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

LOGIN_TITLE = "Quellentaler Mitgliederbericht"
PASSWORD_TITLE = "Kennwortbericht Zwergeneck"
GROUP_TITLE = "Steuerkreiswerkzeug Moosbrunn"
SECRET_WORDS = {
    LOGIN_TITLE: "Pinguinkolonie",
    PASSWORD_TITLE: "Walrossfamilie",
    GROUP_TITLE: "Murmeltierbau",
}
SKIP = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/abmelden/")
MAX_URLS = 450


def _report(parent, title, tool):
    from projects.factories import ReportPageFactory

    report = ReportPageFactory(
        parent=parent,
        title=title,
        summary=f"Vertraulich: {SECRET_WORDS[title]} im Quartier.",
        region=tool.effective_region,
    )
    ReportTool.objects.create(page=report, tool=tool)
    report.save_revision().publish()
    return report


@pytest.fixture
def world(site_tree, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the demo's own index batches
        call_command("load_demo", stdout=StringIO())
    used_tool = ToolPage.objects.live().filter(location_region__isnull=False).first()
    parent = ReportPage.objects.live().first().get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        login_report = _report(parent, LOGIN_TITLE, used_tool)
        password_report = _report(parent, PASSWORD_TITLE, used_tool)
        PageViewRestriction.objects.create(
            page=login_report, restriction_type=PageViewRestriction.LOGIN
        )
        PageViewRestriction.objects.create(
            page=password_report,
            restriction_type=PageViewRestriction.PASSWORD,
            password="kennwort-123",
        )
    catalogue = CatalogueIndexPage.objects.live().first()
    from catalogue.factories import ToolPageFactory

    with django_capture_on_commit_callbacks(execute=True):
        tool = ToolPageFactory(
            parent=catalogue,
            title=GROUP_TITLE,
            summary=f"Nur für den Steuerkreis: {SECRET_WORDS[GROUP_TITLE]}.",
            location_region=used_tool.effective_region,
        )
        tool.save_revision().publish()
    assert SearchDocument.objects.filter(title=GROUP_TITLE).exists()  # indexed while public
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=tool, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Steuerkreis"))
    return {"login": login_report, "password": password_report, "tool": tool}


def _links(body):
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "a":
                href = dict(attrs).get("href") or ""
                found.append(href)

    Parser().feed(body)
    return found


def _crawl(client, extra):
    """Every internal page reachable from / (paging only, no facet combinations) plus `extra`."""
    queue, seen, bodies = ["/", *extra], set(), {}
    while queue and len(seen) < MAX_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        body = response.content.decode("utf-8", "replace")
        bodies[url] = body
        if "html" not in response.get("Content-Type", ""):
            continue
        for href in _links(body):
            parsed = urlparse(href)
            if parsed.scheme or parsed.netloc or not parsed.path.startswith("/"):
                continue
            if parsed.path.startswith(SKIP) or parsed.path.endswith((".xlsx", ".pdf")):
                continue
            if parsed.query and not parsed.query.startswith("seite="):
                continue
            link = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if link not in seen:
                queue.append(link)
    return bodies


def _probes():
    urls = ["/suche/", "/api/v1/suche/", "/api/v1/netzwerk/kontakte/"]
    for title, word in SECRET_WORDS.items():
        # lower case, so that the query echoed back is not itself a needle
        for q in (title.lower(), word.lower(), title.split()[0][:5].lower()):
            urls.append("/suche/?" + urlencode({"q": q}))
            urls.append("/api/v1/suche/?" + urlencode({"q": q}))
            urls.append("/api/v1/suche/vorschlaege/?" + urlencode({"q": q}))
    return urls


def _leaks(bodies, needles):
    return sorted(
        {(needle, url) for url, body in bodies.items() for needle in needles if needle in body}
    )


def test_crawls_find_no_restricted_title_and_members_see_only_what_members_may(world, member):
    """One world for both crawls: building the demo is the expensive part."""
    needles = [*SECRET_WORDS, *SECRET_WORDS.values()]
    bodies = _crawl(Client(), _probes())
    assert len(bodies) > 60  # the crawl really walked the site
    tool_pages = [url for url in bodies if url.startswith("/werkzeuge/") and url.count("/") > 3]
    assert tool_pages, "the crawl reached tool pages"
    assert _leaks(bodies, needles) == []
    # the pages themselves still answer with Wagtail's login / password form, not the content
    assert Client().get(world["login"].url).status_code == 302

    client = Client()
    client.force_login(member)
    bodies = _crawl(client, _probes())
    members_only = list(
        Person.objects.with_consent()
        .filter(visibility=Visibility.MEMBERS)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    hidden = list(
        Person.objects.exclude(pk__in=Person.objects.visible_to(member))
        .exclude(email="")
        .values_list("email", flat=True)
    )
    assert members_only and hidden  # the demo has both kinds
    everything = "\n".join(bodies.values())
    assert any(email in everything for email in members_only)
    assert _leaks(bodies, hidden) == []
    # a login restriction admits members: the report is findable for them ...
    found = json.loads(client.get("/api/v1/suche/?" + urlencode({"q": LOGIN_TITLE})).content)
    assert LOGIN_TITLE in [hit["title"] for hit in found["hits"]]
    # ... a password or another group does not
    assert _leaks(bodies, [PASSWORD_TITLE, GROUP_TITLE, SECRET_WORDS[PASSWORD_TITLE]]) == []


def test_check_search_reports_leftovers_and_lifting_a_restriction_reindexes(
    world, client, django_capture_on_commit_callbacks
):
    tool = world["tool"]
    assert restricted_keys() == []
    url = "/api/v1/suche/?" + urlencode({"q": GROUP_TITLE})
    found = json.loads(client.get(url).content)
    # other documents may share a word of the title (partial matches); none has all of them
    assert (found["partial"]["alle_woerter"] if found["partial"] else found["total"]) == 0
    assert GROUP_TITLE not in [hit["title"] for hit in found["hits"]]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=tool).delete()
    titles = [hit["title"] for hit in json.loads(client.get(url).content)["hits"]]
    assert GROUP_TITLE in titles
    # a restriction written past the signals (raw SQL, a restore, ...) leaves the document behind
    PageViewRestriction.objects.bulk_create(
        [
            PageViewRestriction(
                page=tool, restriction_type=PageViewRestriction.PASSWORD, password="x"
            )
        ]
    )
    assert restricted_keys() == [f"catalogue.toolpage:{tool.pk}"]
    out = StringIO()
    call_command("check_search", stdout=out, stderr=StringIO())
    assert f"zugriffsbeschränkt, aber auffindbar: catalogue.toolpage:{tool.pk}" in out.getvalue()
