"""Facet labels from the vocabularies are kept per content version: read once, renewed by
a rename (a snippet save), never stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.buckets import labels_for
from taxonomy.models import ActionField, Region

pytestmark = pytest.mark.django_db


def test_labels_are_read_once_and_follow_a_rename():
    field = ActionField.objects.order_by("sort_order").first()
    kreis = Region.objects.get(code="05358")
    assert labels_for("handlungsfeld", [field.slug]) == {field.slug: field.name}
    assert labels_for("region", [kreis.code]) == {kreis.code: kreis.label}
    with CaptureQueriesContext(connection) as queries:
        assert labels_for("handlungsfeld", [field.slug]) == {field.slug: field.name}
        assert labels_for("region", [kreis.code]) == {kreis.code: kreis.label}
    assert len(queries) == 0
    field.name = "Umbenanntes Handlungsfeld"
    field.save()
    kreis.name = "Kreis Umbenannt"
    kreis.save()
    assert labels_for("handlungsfeld", [field.slug]) == {field.slug: "Umbenanntes Handlungsfeld"}
    assert labels_for("region", [kreis.code]) == {kreis.code: Region.objects.get(pk=kreis.pk).label}
    assert "Umbenannt" in labels_for("region", [kreis.code])[kreis.code]


def test_an_unknown_value_is_its_own_label():
    assert labels_for("zielgruppe", ["gibt-es-nicht"]) == {"gibt-es-nicht": "gibt-es-nicht"}
