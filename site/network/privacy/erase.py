"""Art. 17 DSGVO: erase a person and every trace of them the project stores."""

import logging
from dataclasses import asdict, dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from .relations import person_relations
from .revisions import content_relations, null_refs, revisions_mentioning
from .scrub import pattern_for, person_tokens, scrub_column, scrub_data, scrub_model

logger = logging.getLogger("werkstatt")

# Apps whose tables hold our content (search keeps its own documents: see _forget_in_search).
CONTENT_APPS = ("werkstatt", "taxonomy", "network", "catalogue", "projects")
ERASE_ACTION = "network.erase"
WAGTAIL_TEXT_MODELS = ("page", "comment", "commentreply")  # titles and editors' comments


class ErasureBlocked(Exception):
    """A reference that cannot be nulled (not nullable, not cascading) prevents erasure."""


@dataclass
class ErasureReport:
    person_id: int
    memberships: int = 0
    references_nulled: int = 0
    references_deleted: int = 0
    revisions_changed: int = 0
    log_entries_changed: int = 0
    rows_scrubbed: int = 0
    search: str = ""
    touched: list = field(default_factory=list)  # (model label, pk) re-indexed afterwards

    def as_log_data(self):
        data = asdict(self)
        data.pop("touched")
        return data


def erase_person(person, user=None):
    """Delete `person` and scrub every trace; returns an ErasureReport (without the name)."""
    from ..models import Person

    tokens = person_tokens(person)
    pk = person.pk
    report = ErasureReport(person_id=pk)
    touched = set()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=pk)
        _null_references(person, report, touched)
        bodies = set(person.memberships.values_list("body_id", flat=True))
        touched.update(("network.Body", body_id) for body_id in bodies)
        report.memberships = person.memberships.count()
        person.delete()
        _scrub_revisions(pk, tokens, report)
        _scrub_logs(pk, tokens, report)
        for label in CONTENT_APPS + ("wagtailcore",):
            _scrub_app(label, tokens, report, touched)
        report.touched = sorted(touched)
        ModelLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(Person),
            object_id=str(pk),
            label=_("Person #%(id)s (gelöscht)") % {"id": pk},
            action=ERASE_ACTION,
            user=user,
            timestamp=timezone.now(),
            data=report.as_log_data(),
            deleted=True,
        )
        transaction.on_commit(lambda: _forget_in_search(pk, touched, report))
    logger.info("DSGVO: Person #%s gelöscht (%s)", pk, report.as_log_data())
    return report


def _null_references(person, report, touched):
    for relation in person_relations():
        if relation.model._meta.label == "network.Membership":
            continue
        objects = list(relation.referencing(person))
        if not objects:
            continue
        if relation.many:
            for obj in objects:
                getattr(obj, relation.field.name).remove(person)
                touched.add((obj._meta.label, obj.pk))
            report.references_nulled += len(objects)
        elif relation.nullable:
            relation.model._base_manager.filter(pk__in=[o.pk for o in objects]).update(
                **{relation.field.attname: None}
            )
            for obj in objects:
                touched.add((obj._meta.label, obj.pk))
                touched.update((p._meta.label, p.pk) for p in _parents(obj))
            report.references_nulled += len(objects)
        elif relation.cascades:
            for obj in objects:
                for parent in _parents(obj):
                    touched.add((parent._meta.label, parent.pk))
            report.references_deleted += len(objects)
        else:
            raise ErasureBlocked(
                _(
                    "%(model)s (Feld „%(field)s“) verweist auf die Person und lässt sich nicht leeren."
                )
                % {"model": relation.model._meta.verbose_name, "field": relation.field.name}
            )


def _parents(obj):
    from modelcluster.fields import ParentalKey

    for f in obj._meta.concrete_fields:
        if isinstance(f, ParentalKey):
            parent = getattr(obj, f.name, None)
            if parent is not None:
                yield parent


def _scrub_revisions(pk, tokens, report):
    """Null the person's id in revision content, then replace name, e-mail and phone."""
    pattern = pattern_for(tokens)
    relations = content_relations()
    for revision in revisions_mentioning(tokens, pk):
        model = revision.content_type.model_class()
        content, nulled = null_refs(revision.content, model, pk, relations)
        content, replaced = scrub_data(content, pattern)
        object_str, renamed = scrub_data(revision.object_str, pattern)
        if nulled or replaced or renamed:
            Revision.objects.filter(pk=revision.pk).update(content=content, object_str=object_str)
            report.revisions_changed += 1


def _scrub_logs(pk, tokens, report):
    """The person's own log entries go (their label is the name); others are scrubbed."""
    from ..models import Person

    own = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(pk)
    ).exclude(action=ERASE_ACTION)
    report.log_entries_changed += own.delete()[0]
    for model in (ModelLogEntry, PageLogEntry):
        for column, is_json in (("label", False), ("data", True)):
            report.log_entries_changed += len(
                scrub_column(model._meta.db_table, "id", column, tokens, is_json)
            )


def _scrub_app(label, tokens, report, touched):
    try:
        config = apps.get_app_config(label)
    except LookupError:
        return
    for model in config.get_models():
        if label == "wagtailcore" and model._meta.model_name not in WAGTAIL_TEXT_MODELS:
            continue  # revisions and logs are handled above
        if model._meta.label == "network.Person":
            continue  # the person's row is gone; a namesake's own record must stay intact
        changed = scrub_model(model, tokens)
        report.rows_scrubbed += len(changed)
        for pk in changed:
            touched.add((_specific_label(model, pk), pk))


def _specific_label(model, pk):
    """Pages are re-indexed as their specific class."""
    from wagtail.models import Page

    if issubclass(model, Page):
        page = Page.objects.filter(pk=pk).first()
        if page is not None and page.specific_class is not None:
            return page.specific_class._meta.label
    return model._meta.label


def _forget_in_search(pk, touched, report):
    """Remove the person's documents and re-index what pointed at or mentioned them."""
    try:
        from search import indexing
        from search.registry import document_key
    except ImportError:
        report.search = "search app not installed"
        return
    from ..models import Person

    remove = getattr(indexing, "remove_keys", None)
    if remove is not None:
        ghost = Person(pk=pk)
        remove([document_key(ghost)])
    index_object = getattr(indexing, "index_object", None)
    for label, obj_pk in touched:
        model = apps.get_model(label)
        obj = model._default_manager.filter(pk=obj_pk).first()
        if obj is None:
            continue
        _wagtail_reindex(obj)
        if index_object is not None:
            index_object(obj)
    report.search = "removed" if remove is not None else "search.indexing.remove_keys missing"


def _wagtail_reindex(obj):
    """Wagtail's own search index (admin search) keeps page text too."""
    from wagtail.search import index

    if isinstance(obj, index.Indexed):
        index.insert_or_update_object(obj)
