"""Shared fixtures: the demo site tree, members and editors, and the headless-Chromium + axe harness.

Browser tests use Debian's /usr/bin/chromium through Playwright. Without Chromium they are
skipped, unless WERKSTATT_REQUIRE_BROWSER=1 (as in .ci/run), where a missing browser fails.
Tests that need Redis (127.0.0.1:6379, `make services`) call `unavailable_redis`: skipped without
it, failed under WERKSTATT_REQUIRE_REDIS=1 (as in .ci/run).
"""

import os
import shutil
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group, User

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls then.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("WERKSTATT_CHROMIUM", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def unavailable_redis(reason):
    """Skip (or, where CI requires Redis, fail) a test whose Redis did not answer."""
    message = f"Redis auf 127.0.0.1:6379 nicht erreichbar ({reason}); make services startet ihn"
    if os.environ.get("WERKSTATT_REQUIRE_REDIS") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` (make test) keeps pytest-django's database order on every worker."""
    if config.getoption("dist") == "loadfile":
        from tests.parallel import DatabaseOrderScheduling

        return DatabaseOrderScheduling(config, log)
    return None


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts without cached pages (those of an earlier test are not its content)
    and with the search breaker's shared state gone (an earlier test's outage is not its own)."""
    from django.core.cache import cache

    from werkstatt import contentcache, contentversion

    contentversion.cache().delete(contentversion.VERSION_KEY)  # the next read makes a new one
    contentcache.clear_near()
    cache.delete("search-breaker:elasticsearch")
    yield


# What migrations seed (Wagtail's page and collection roots and its locale, regions, their
# figures, the vocabularies, the synonym list). A transactional test ends with a flush of every
# table; these rows are put back right after it, so no test and no production code has to seed
# them again.
SEEDED_MODELS = (
    "wagtailcore.Locale",
    "taxonomy.Region",
    "taxonomy.RegionFigure",
    "taxonomy.ActionField",
    "taxonomy.TargetGroup",
    "search.SynonymSet",
)


def _seed_snapshot():
    from django.apps import apps
    from wagtail.models import Collection, Page

    rows = {
        label: list(apps.get_model(label).objects.order_by("pk").values())
        for label in SEEDED_MODELS
    }
    rows["wagtailcore.Page"] = list(Page.objects.filter(depth=1).values())
    rows["wagtailcore.Collection"] = list(Collection.objects.filter(depth=1).values())
    return rows


def _restore_seeds(rows, using):
    """Insert the snapshot again in one statement per table (no per-row signals), root page with
    its content type looked up anew (the flush renumbered the content types) and no children."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connections
    from wagtail.models import Collection, Page

    if apps.get_model("taxonomy.Region").objects.using(using).exists():
        return
    models = []
    for label in SEEDED_MODELS:
        model = apps.get_model(label)
        objects = [model(**row) for row in rows[label]]
        if label == "taxonomy.Region":
            objects.sort(key=lambda region: len(region.code))
        model.objects.using(using).bulk_create(objects)
        models.append(model)
    page_type = ContentType.objects.db_manager(using).get_for_model(Page)
    Page.objects.using(using).bulk_create(
        Page(**{**row, "content_type_id": page_type.pk, "numchild": 0})
        for row in rows["wagtailcore.Page"]
    )
    models.append(Page)
    Collection.objects.using(using).bulk_create(
        Collection(**{**row, "numchild": 0}) for row in rows["wagtailcore.Collection"]
    )
    models.append(Collection)
    with connections[using].cursor() as cursor:
        for sql in connections[using].ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as migrations leave it, and the seeds restored after every flush."""
    from django.db.models.signals import post_migrate

    with django_db_blocker.unblock():
        rows = _seed_snapshot()

    def restore(sender, using="default", **kwargs):
        if sender.label == "taxonomy":
            _restore_seeds(rows, using)

    post_migrate.connect(restore, dispatch_uid="tests-restore-seeds", weak=False)
    yield
    post_migrate.disconnect(dispatch_uid="tests-restore-seeds")


@contextmanager
def module_transaction(django_db_blocker):
    """For a module-scoped fixture: what it builds inside this block is shared by the module's
    tests and rolled back after the last one. Each test runs in its own savepoint on top (it
    requests `db`), so nothing a test does leaks. Not for modules with transactional tests."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


class Quiet:
    """A stdout for demo loaders that keeps their progress out of the test output."""

    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


@pytest.fixture
def site_tree(db):
    """The home page, Impressum, Datenschutz, Barrierefreiheit and site settings, as load_demo makes them."""
    from werkstatt import demo

    demo.load(Quiet())
    return demo.get_home()


@pytest.fixture
def home_page(site_tree):
    return site_tree


@pytest.fixture
def indexed_site_tree(db, django_capture_on_commit_callbacks):
    """The same, with its content pages indexed (kind „seite“) as after load_demo's commit, so a
    test's index batch holds only what the test changes."""
    from werkstatt import demo

    with django_capture_on_commit_callbacks(execute=True):
        demo.load(Quiet())
    return demo.get_home()


@pytest.fixture
def page_cache_off(settings):
    """Every request renders its page: only what werkstatt.contentcache keeps is reused."""
    settings.PAGE_CACHE_SECONDS = 0


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
    """The shipped region data, as migrations load it (and the seed restore puts it back)."""
    from taxonomy.models import Region

    assert Region.objects.exists()
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
