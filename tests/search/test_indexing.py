"""Documents follow their objects: publish, unpublish, save, move and delete, after commit."""

from contextlib import contextmanager

import pytest
from wagtail.models import Page, PageViewRestriction

from search import indexing
from search.backends import get_backend
from search.contract import SearchRequest
from search.models import SearchDocument
from search.registry import Adapter, IndexDocument, adapter_for, adapters, register, unregister


class StandardPageAdapter(Adapter):
    """A small adapter over the foundation's plain content pages, standing in for the site's own
    (werkstatt.search_adapters) while a test runs: a kind with region and year facets."""

    def __init__(self):
        from werkstatt.models import StandardPage

        self.model = StandardPage

    def to_document(self, page):
        if page.title.startswith("Geheim"):
            return None
        return IndexDocument(
            kind="bericht",
            title=page.title,
            url=page.url or "",
            summary=page.intro,
            facets={"region": ["05334"], "jahr": ["2024"]},
        )


STAND_IN = SearchDocument.objects.filter(kind="bericht")  # what the stand-in indexed


@pytest.fixture
def page_adapter(db):
    with standing_in(StandardPageAdapter()) as adapter:
        yield adapter


@contextmanager
def standing_in(adapter):
    """`adapter` registered for its model for a while, then the model's own adapter again."""
    own = adapter_for(adapter.model)
    try:
        yield register(adapter)
    finally:
        unregister(adapter.model)
        if own is not None:
            register(own)


@pytest.fixture
def parent(indexed_site_tree):
    return indexed_site_tree


def found(q):
    return [hit.title for hit in get_backend("database").search(SearchRequest(q=q)).hits]


def add_page(parent, title, slug, live=True):
    from werkstatt.models import StandardPage

    page = StandardPage(title=title, slug=slug, intro=f"Worum es bei {title} geht", live=live)
    parent.add_child(instance=page)
    return page


def test_publish_indexes_after_commit(parent, page_adapter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = add_page(parent, "Quartiersfonds Stolberg", "quartiersfonds", live=False)
        page.save_revision().publish()
        assert not SearchDocument.objects.filter(key__endswith=f":{page.pk}").exists()
    assert callbacks  # the work waited for the commit
    assert found("Quartiersfonds") == ["Quartiersfonds Stolberg"]
    doc = SearchDocument.objects.get(key=f"werkstatt.standardpage:{page.pk}")
    assert doc.url == "/quartiersfonds/"
    assert doc.facets["region"] == ["05", "053", "05334"]  # ancestors added
    assert doc.region_label == "Städteregion Aachen (Kreis)"


def _select_count(queries, table):
    return sum(
        1
        for q in queries
        if q["sql"].lstrip().upper().startswith("SELECT")
        and f'"{table}"' in q["sql"].split(" WHERE ")[0]
    )


def test_one_reindex_per_object_and_transaction(
    parent, page_adapter, django_capture_on_commit_callbacks
):
    """Every change registers a hook (Django keeps or drops each with its savepoint); the first
    hook writes the whole batch with one load per model, the others find nothing to do."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = add_page(parent, "Quartiersfonds", "quartiersfonds")
        page.intro = "geändert"
        page.save()
        page.save_revision().publish()
        other = add_page(parent, "Dorfladen", "dorfladen")
    hooks = [c for c in callbacks if getattr(c, "func", None) == indexing.batches.run]
    assert len(hooks) > 1
    assert len({id(hook.args[0]) for hook in hooks}) == 1  # one batch behind all of them
    assert sorted(hooks[0].args[0].values()) == sorted(
        f"werkstatt.standardpage:{p.pk}" for p in (page, other)
    )
    with CaptureQueriesContext(connection) as first:
        hooks[0]()
    assert sorted(STAND_IN.values_list("title", flat=True)) == ["Dorfladen", "Quartiersfonds"]
    assert SearchDocument.objects.get(title="Quartiersfonds").summary == "geändert"
    assert _select_count(first.captured_queries, "werkstatt_standardpage") == 1
    with CaptureQueriesContext(connection) as rest:
        for hook in hooks[1:]:
            hook()
    assert rest.captured_queries == []


def test_one_batch_for_many_objects_in_a_transaction(
    parent, page_adapter, django_capture_on_commit_callbacks
):
    """A bulk import re-indexes everything in one write, and every page is found."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for number in range(5):
            add_page(parent, f"Quartiersfonds {number}", f"quartiersfonds-{number}")
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    assert _select_count(queries.captured_queries, "werkstatt_standardpage") == 1
    assert sorted(found("Quartiersfonds")) == [f"Quartiersfonds {n}" for n in range(5)]


def test_a_batch_queued_before_a_capture_is_written_by_it(
    parent, page_adapter, django_capture_on_commit_callbacks
):
    """The harness case: a fixture changes a page inside the test's transaction (no hook ever
    runs for it); a later captured transaction writes that change too, not only its own."""
    early = add_page(parent, "Quartiersfonds", "quartiersfonds")  # hook never executed
    with django_capture_on_commit_callbacks(execute=True):
        add_page(parent, "Dorfladen", "dorfladen")
    assert found("Quartiersfonds") == ["Quartiersfonds"]
    assert found("Dorfladen") == ["Dorfladen"]
    assert SearchDocument.objects.filter(key=f"werkstatt.standardpage:{early.pk}").exists()


def test_a_batch_dies_with_its_rolled_back_transaction(
    parent, page_adapter, django_capture_on_commit_callbacks
):
    """Only the hooks hold a batch: a rollback that drops them all leaves nothing queued."""
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):  # whatever the fixtures queued
        add_page(parent, "Dorfladen", "dorfladen")
    assert indexing.batches.open_batch() is None
    try:
        with transaction.atomic():
            add_page(parent, "Quartiersfonds", "quartiersfonds")
            assert indexing.batches.open_batch() is not None
            raise RuntimeError("abgebrochen")
    except RuntimeError:
        pass
    assert indexing.batches.open_batch() is None


def test_unpublish_and_delete_remove_the_document(
    parent, page_adapter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = add_page(parent, "Quartiersfonds", "quartiersfonds")
    assert found("Quartiersfonds") == ["Quartiersfonds"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert found("Quartiersfonds") == []
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert found("Quartiersfonds") == ["Quartiersfonds"]
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).delete()
    assert found("Quartiersfonds") == []
    assert not STAND_IN.exists()


def test_adapter_returning_none_removes_the_document(
    parent, page_adapter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = add_page(parent, "Quartiersfonds", "quartiersfonds")
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Geheimer Quartiersfonds"
        page.save_revision().publish()
    assert found("Quartiersfonds") == []


def test_move_updates_the_url_of_the_page_and_below(
    parent, page_adapter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        section = add_page(parent, "Bereich", "bereich")
        page = add_page(parent, "Quartiersfonds", "quartiersfonds")
        add_page(page, "Antrag Quartiersfonds", "antrag")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).move(section, pos="last-child")
    urls = dict(SearchDocument.objects.values_list("title", "url"))
    assert urls["Quartiersfonds"] == "/bereich/quartiersfonds/"
    assert urls["Antrag Quartiersfonds"] == "/bereich/quartiersfonds/antrag/"


def test_rolled_back_changes_are_not_indexed(
    parent, page_adapter, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                add_page(parent, "Quartiersfonds", "quartiersfonds")
                raise RuntimeError("abgebrochen")
        except RuntimeError:
            pass
        add_page(parent, "Dorfladen", "dorfladen")
    assert found("Quartiersfonds") == []
    assert found("Dorfladen") == ["Dorfladen"]


def test_a_broken_adapter_never_breaks_publishing(
    parent, db, django_capture_on_commit_callbacks, caplog
):
    class Broken(StandardPageAdapter):
        def to_document(self, page):
            raise ValueError("kaputt")

    with standing_in(Broken()), django_capture_on_commit_callbacks(execute=True):
        page = add_page(parent, "Quartiersfonds", "quartiersfonds")
        page.save_revision().publish()
    assert Page.objects.get(pk=page.pk).live
    assert "Indexieren von werkstatt.standardpage" in caplog.text


def _tagged_page_adapters():
    from modelcluster.contrib.taggit import ClusterTaggableManager

    found_adapters = []
    for adapter in adapters():
        model = adapter.model
        if issubclass(model, Page) and any(
            isinstance(f, ClusterTaggableManager) for f in model._meta.get_fields()
        ):
            found_adapters.append(adapter)
    return found_adapters


def test_tag_added_before_publish_is_searchable_at_once(
    site_tree, django_capture_on_commit_callbacks
):
    """Tags of a clusterable page are saved after the page: the document must still have them."""
    candidates = _tagged_page_adapters()
    if not candidates:
        pytest.skip("noch keine registrierte Seitenart mit Schlagwörtern (Inhalts-Apps fehlen)")
    adapter = candidates[0]
    model = adapter.model
    factory = _factory_for(model)
    if factory is None:
        pytest.skip(f"keine Factory für {model.__name__}")
    with django_capture_on_commit_callbacks(execute=True):
        page = factory(live=False)
        page.tags.add("Zukunftsschlagwort")
        page.save_revision().publish()
    response = get_backend("database").search(
        SearchRequest(filters={"schlagwort": ("Zukunftsschlagwort",)})
    )
    assert [hit.id for hit in response.hits] == [adapter.key(page)]
    assert adapter_for(model) is adapter


def _factory_for(model):
    import importlib

    try:
        factories = importlib.import_module(f"{model._meta.app_label}.factories")
    except ImportError:
        return None
    for value in vars(factories).values():
        meta = getattr(value, "_meta", None)
        if getattr(meta, "model", None) is model:
            return value
    return None


def test_rebuild_search_counts_per_kind(parent, page_adapter):
    from io import StringIO

    from django.core.management import call_command

    add_page(parent, "Quartiersfonds", "quartiersfonds")
    add_page(parent, "Dorfladen", "dorfladen")
    add_page(parent, "Geheimprojekt", "geheim")  # the adapter says: not findable
    SearchDocument.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search", stdout=out)
    # The foundation's Impressum, Datenschutz and Barrierefreiheit pages are standard pages too.
    assert "Bericht: 5\n" in out.getvalue()
    assert "5 Dokumente indexiert (Backend: database)" in out.getvalue()
    assert SearchDocument.objects.count() == 5
    assert sorted(found("Quartiersfonds") + found("Dorfladen")) == ["Dorfladen", "Quartiersfonds"]


def test_check_search_reports_missing_stale_and_orphaned(parent, page_adapter):
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    from search.registry import IndexDocument as Doc

    call_command("rebuild_search", stdout=StringIO())
    out = StringIO()
    call_command("check_search", stdout=out)
    assert "Keine Abweichungen." in out.getvalue()

    missing = add_page(parent, "Neu und ungeindext", "neu")  # no commit hook runs in this test
    stale = SearchDocument.objects.get(title="Impressum")
    SearchDocument.objects.filter(pk=stale.pk).update(title="Alter Titel", fingerprint="x")
    indexing.write_documents(
        [indexing.to_document_data("test.gone:1", Doc(kind="bericht", title="Weg", url="/weg/"))]
    )
    out = StringIO()
    call_command("check_search", stdout=out)
    report = out.getvalue()
    assert "Projektion gegenüber den Inhalten: 1 fehlend, 1 veraltet, 1 verwaist" in report
    assert f"fehlt: werkstatt.standardpage:{missing.pk}" in report
    assert f"veraltet: {stale.key}" in report
    assert "verwaist: test.gone:1" in report
    assert "Abweichungen gefunden" in report
    if connection.vendor == "sqlite":
        # The FTS row still has the old fingerprint: the index is stale against the projection.
        assert (
            "Index (database) gegenüber der Projektion: 0 fehlend, 1 veraltet, 0 verwaist" in report
        )
    with pytest.raises(Exception, match="Suchindex weicht ab"):
        call_command("check_search", "--strict", stdout=StringIO())
    call_command("rebuild_search", stdout=StringIO())
    out = StringIO()
    call_command("check_search", stdout=out)
    assert "Keine Abweichungen." in out.getvalue()


def test_signals_reach_search_only_for_what_the_registry_knows(page_adapter):
    """Receivers are connected per sender: the registered model, base pages standing for it,
    nothing unrelated; removing the adapter disconnects its model."""
    from django.contrib.auth.models import Group
    from django.db.models.signals import post_save

    from search import signals
    from werkstatt.models import StandardPage

    def wanted():
        return {(receiver.__name__, sender) for _, receiver, sender in signals.senders()}

    assert {("on_save", StandardPage), ("on_delete", StandardPage), ("on_save", Page)} <= wanted()
    assert ("on_page_changed", StandardPage) in wanted()
    assert not {sender for _, sender in wanted()} & {Group, PageViewRestriction}
    unregister(StandardPage)
    assert ("on_save", StandardPage) not in wanted()
    # Django's public disconnect says whether the receiver was still connected.
    assert not post_save.disconnect(sender=StandardPage, dispatch_uid="search.on_save")
