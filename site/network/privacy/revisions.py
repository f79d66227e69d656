"""Person ids inside Wagtail revision content: foreign keys to Person stored as plain numbers.

A revision's content is the object's serialised fields; child relations (InlinePanel rows
through a ParentalKey) are lists of dicts under the relation name. A key that names a relation
to Person holds the person's id (or a list of ids for a ParentalManyToManyField).
"""

import copy

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from werkstatt.parental import parental_keys

from .relations import person_relations


def content_relations():
    """Every relation to Person; memberships count too (they would sit in a Body's revision)."""
    return person_relations()


def _owners(model):
    """The models whose revisions can carry `model`'s rows: itself, or its ParentalKey parents."""
    parents = [field.related_model for field in parental_keys(model)]
    return parents or [model]


def candidate_content_types(relations):
    owners = {owner for r in relations for owner in _owners(r.model)}
    models = [m for m in apps.get_models() if any(issubclass(m, o) for o in owners)]
    return [ContentType.objects.get_for_model(m, for_concrete_model=False) for m in models] + [
        ContentType.objects.get_for_model(m) for m in models
    ]


def null_refs(data, model, pk, relations):
    """Set person `pk` to None (or drop it from id lists) inside one revision's content dict."""
    if not isinstance(data, dict) or model is None:
        return data, 0
    count = 0
    for relation in relations:
        if not issubclass(model, relation.model):
            continue
        for key in {relation.field.name, relation.field.attname}:
            value = data.get(key)
            if relation.many and isinstance(value, list) and pk in value:
                data[key] = [v for v in value if v != pk]
                count += 1
            elif not relation.many and value == pk and key in data:
                data[key] = None
                count += 1
    for key, value in data.items():
        if not isinstance(value, list):
            continue
        try:
            field = model._meta.get_field(key)
        except Exception:  # noqa: S112 - not a field: plain data
            continue
        if field.is_relation and field.one_to_many and field.related_model is not None:
            for item in value:
                _, sub = null_refs(item, field.related_model, pk, relations)
                count += sub
    return data, count


def revision_points_at(revision, pk, relations=None):
    relations = relations if relations is not None else content_relations()
    model = revision.content_type.model_class()
    content = revision.content if isinstance(revision.content, dict) else {}
    _, count = null_refs(copy.deepcopy(content), model, pk, relations)
    return count > 0


def revisions_mentioning(traces, person_pk):
    """Revisions whose content or title show the person (strong forms), or point at them."""
    import json

    from wagtail.models import Revision

    from .scrub import candidates

    table = Revision._meta.db_table
    ids = set()
    for column in ("content", "object_str"):
        for pk, value in candidates(table, "id", column, traces.prefilter):
            text = value if isinstance(value, str) else json.dumps(value)
            if traces.mentions(text):
                ids.add(pk)
    relations = content_relations()
    if relations:
        queryset = Revision.objects.filter(
            content_type__in=candidate_content_types(relations)
        ).exclude(pk__in=ids)
        for revision in queryset.iterator():
            if revision_points_at(revision, person_pk, relations):
                ids.add(revision.pk)
    return Revision.objects.filter(pk__in=ids).order_by("pk")
