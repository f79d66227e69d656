"""Shared fixtures: the demo site tree, members and editors, and the headless-Chromium + axe harness.

Browser tests use Debian's /usr/bin/chromium through Playwright. Without Chromium they are
skipped, unless WERKSTATT_REQUIRE_BROWSER=1 (as in .ci/run), where a missing browser fails.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls then.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("WERKSTATT_CHROMIUM", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts without cached pages (those of an earlier test are not its content)
    and with the search breaker's shared state gone (an earlier test's outage is not its own)."""
    from django.core.cache import cache

    from werkstatt import pagecache

    pagecache.new_generation()
    cache.delete("search-breaker:elasticsearch")
    yield


@pytest.fixture
def site_tree(db):
    """The home page, Impressum, Datenschutz, Barrierefreiheit and site settings, as load_demo makes them."""
    from werkstatt import demo

    class Quiet:
        def write(self, *args, **kwargs):
            pass

    demo.load(Quiet())
    return demo.get_home()


@pytest.fixture
def home_page(site_tree):
    return site_tree


@pytest.fixture
def member(db):
    """A logged-in-able network member (group 'Mitglieder')."""
    user = User.objects.create_user("mitglied", "mitglied@example.org", "geheim-123")
    group, _ = Group.objects.get_or_create(name="Mitglieder")
    user.groups.add(group)
    return user


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("redaktion", "redaktion@example.org", "geheim-123")


@pytest.fixture
def regions(db):
    """The shipped region data is loaded by migrations; this fixture just checks it is there."""
    from taxonomy.models import Region

    if not Region.objects.exists():
        call_command("load_regions", verbosity=0)
    return Region.objects


# --- browser harness ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("WERKSTATT_REQUIRE_BROWSER") == "1":
            pytest.fail(
                f"Chromium fehlt unter {CHROMIUM} (apt-get install chromium chromium-driver)"
            )
        pytest.skip(f"Chromium nicht installiert ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class BrowserPage:
    """A Playwright page that remembers every host it contacted."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.hosts = set()
        page.on("request", lambda request: self.hosts.add(urlparse(request.url).netloc))

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        assert response is not None
        return response

    def foreign_hosts(self):
        own = urlparse(self.base_url).netloc
        return {h for h in self.hosts if h and h != own}

    def axe_violations(self):
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        return results.response["violations"]


@pytest.fixture
def browser_page(browser, live_server):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    yield BrowserPage(page, live_server.url)
    context.close()


@pytest.fixture
def assert_accessible(browser_page):
    """Open a path in Chromium and fail with a readable list if axe finds WCAG 2.1 A/AA violations."""

    def check(path, expect_status=200):
        response = browser_page.goto(path)
        assert response.status == expect_status, f"{path}: HTTP {response.status}"
        violations = browser_page.axe_violations()
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in violations
        )
        assert not violations, f"axe findet auf {path}:\n{report}"
        assert not browser_page.foreign_hosts(), (
            f"{path} lädt von fremden Hosts: {browser_page.foreign_hosts()}"
        )
        return browser_page

    return check
