"""The bulk page writer leaves what Wagtail's own way leaves (revisions with every related row,
Wagtail's search index and reference index) at a bounded number of queries per row."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex

from catalogue.bench import generate_frame
from catalogue.importer import import_catalogue
from catalogue.models import ToolPage
from catalogue.pagewriter import deferred_indexes, index_in_bulk

pytestmark = pytest.mark.django_db


def as_stored(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def test_revision_holds_the_page_with_its_related_rows(catalogue, sample_frame):
    import_catalogue(sample_frame, catalogue)
    bus = ToolPage.objects.get(import_id="BSP-001")
    stored = bus.live_revision.content
    fresh = as_stored(bus.serializable_data())
    for key in ("latest_revision", "live_revision"):  # the revision did not exist before itself
        stored.pop(key), fresh.pop(key)
    for data in (stored, fresh):  # PostgreSQL's jsonb orders the keys of the StreamField text
        data["body"] = json.loads(data["body"])
    assert stored == fresh
    assert stored["target_groups"] and stored["tagged_items"] and stored["budget_lines"]
    restored = bus.live_revision.as_object()
    assert [t.name for t in restored.tags.all()] == [t.name for t in bus.tags.all()]
    assert [b.amount for b in restored.budget_lines.all()] == [
        b.amount for b in bus.budget_lines.all()
    ]


def test_wagtail_search_and_reference_index_are_written_once_at_the_end(catalogue, sample_frame):
    import_catalogue(sample_frame, catalogue)
    bus = ToolPage.objects.get(import_id="BSP-001")
    assert bus in ToolPage.objects.live().search("Bürgerbus")
    references = set(ReferenceIndex.get_references_for_object(bus).values_list("to_object_id"))
    assert references, "the import left no reference index rows"
    ReferenceIndex.create_or_update_for_object(bus)
    assert set(ReferenceIndex.get_references_for_object(bus).values_list("to_object_id")) == (
        references
    )


def test_saves_after_the_import_update_wagtails_search_index_again(catalogue, sample_frame):
    import_catalogue(sample_frame, catalogue)
    bus = ToolPage.objects.get(import_id="BSP-001")
    bus.title = "Rufbus Quellenthal"
    bus.save_revision().publish()
    assert bus in ToolPage.objects.live().search("Quellenthal")


def test_a_changed_row_is_indexed_by_wagtail_too(catalogue, sample_frame):
    import_catalogue(sample_frame, catalogue)
    changed = sample_frame.copy()
    changed.loc[changed["ID"] == "BSP-001", "Werkzeug"] = "Rufbus Quellenthal"
    assert import_catalogue(changed, catalogue).updated == 1
    bus = ToolPage.objects.get(import_id="BSP-001")
    assert bus in ToolPage.objects.live().search("Quellenthal")


def test_deferred_saves_reach_wagtails_index_in_bulk_and_the_deferral_always_ends(
    catalogue, sample_frame
):
    import_catalogue(sample_frame, catalogue)
    bus = ToolPage.objects.get(import_id="BSP-001")
    with deferred_indexes(ToolPage):
        bus.title = "Rufbus Zwischenstand"
        bus.save()
        assert bus not in ToolPage.objects.search("Zwischenstand")
        index_in_bulk(ToolPage, [bus.pk])
        assert bus in ToolPage.objects.search("Zwischenstand")
    with pytest.raises(RuntimeError), deferred_indexes(ToolPage):
        raise RuntimeError("Import bricht ab")
    bus.title = "Rufbus Quellenthal"
    bus.save()
    assert bus in ToolPage.objects.search("Quellenthal")


def _queries_for(rows, catalogue):
    frame = generate_frame(rows, seed=rows)
    with CaptureQueriesContext(connection) as queries:
        result = import_catalogue(frame, catalogue)
    assert result.created == rows, result.errors
    return len(queries)


def test_queries_per_new_row_stay_few(catalogue, empty_catalogue):
    """Every further row costs its page INSERTs and its signals' work, nothing read per row
    that the import could read once (was ~40 per row before the bulk writes)."""
    ten, thirty = _queries_for(10, empty_catalogue), _queries_for(30, catalogue)
    per_row = (thirty - ten) / 20
    assert per_row <= 8, f"{per_row:.1f} queries per row"
