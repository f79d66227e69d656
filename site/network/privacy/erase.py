"""Art. 17 DSGVO: erase a person and every trace of them the project stores."""

import logging
from dataclasses import asdict, dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from werkstatt.parental import parents_of

from .account import anonymise_account
from .relations import person_relations
from .revisions import content_relations, null_refs, revisions_mentioning
from .scrub import Traces, candidates, scrub_column, scrub_model

logger = logging.getLogger("werkstatt")

# Apps whose tables hold our content (search keeps its own documents: see _forget_in_search).
CONTENT_APPS = ("werkstatt", "taxonomy", "network", "catalogue", "projects")
ERASE_ACTION = "network.erase"
WAGTAIL_TEXT_MODELS = ("page", "comment", "commentreply")  # titles and editors' comments
WAGTAIL_FTS = "wagtailsearch_indexentry_fts"  # Wagtail's admin search index on SQLite (FTS5)
WAGTAIL_FTS_OPTIMIZE = (
    "INSERT INTO wagtailsearch_indexentry_fts (wagtailsearch_indexentry_fts) VALUES ('optimize')"
)
PENDING = "ausstehend"


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
    saved_searches: int = 0
    account_anonymised: bool = False
    search: dict = field(default_factory=lambda: {"database": PENDING})
    touched: list = field(default_factory=list)  # (model label, pk) re-indexed afterwards

    def as_log_data(self):
        data = asdict(self)
        data.pop("touched")
        return data


def erase_person(person, user=None):
    """Delete `person` and scrub every trace; returns an ErasureReport (without the name)."""
    from ..models import Person

    traces = Traces.of(person)  # before the delete: a namesake is another person
    pk = person.pk
    report = ErasureReport(person_id=pk)
    touched = set()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=pk)
        _null_references(person, report, touched)
        bodies = set(person.memberships.values_list("body_id", flat=True))
        touched.update(("network.Body", body_id) for body_id in bodies)
        report.memberships = person.memberships.count()
        if person.user_id:  # „Suche merken“ of the person's account goes with the person
            report.saved_searches = person.user.saved_searches.all().delete()[0]
            anonymise_account(person.user)
            report.account_anonymised = True
        person.delete()
        related = _scrub_revisions(pk, traces, report)
        _scrub_logs(pk, traces, report)
        for label in CONTENT_APPS + ("wagtailcore",):
            _scrub_app(label, traces, report, touched, related)
        _scrub_wagtail_index(traces)
        report.touched = sorted(touched)
        entry = ModelLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(Person),
            object_id=str(pk),
            label=_("Person #%(id)s (gelöscht)") % {"id": pk},
            action=ERASE_ACTION,
            user=user,
            timestamp=timezone.now(),
            data=report.as_log_data(),
            deleted=True,
        )
        name = traces.name
        transaction.on_commit(lambda: _forget_in_search(pk, touched, report, entry.pk, name))
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
                touched.update((p._meta.label, p.pk) for p in parents_of(obj))
            report.references_nulled += len(objects)
        elif relation.cascades:
            for obj in objects:
                for parent in parents_of(obj):
                    touched.add((parent._meta.label, parent.pk))
            report.references_deleted += len(objects)
        else:
            raise ErasureBlocked(
                _(
                    "%(model)s (Feld „%(field)s“) verweist auf die Person und lässt sich nicht leeren."
                )
                % {"model": relation.model._meta.verbose_name, "field": relation.field.name}
            )


def _scrub_revisions(pk, traces, report):
    """Null the person's id in revision content, then replace name forms, e-mail and phone.

    All revisions of one object count as one text for the rule on weak forms (`Traces`): once
    any revision of a page shows or points at the person, "Quastenberg" alone goes from its
    older revisions and its live row too. Returns {base model: object ids} of those objects.
    """
    mentioning = list(revisions_mentioning(traces, pk))
    objects = {(r.base_content_type_id, r.object_id) for r in mentioning}
    table = Revision._meta.db_table
    weak_only = {
        row_pk
        for column in ("content", "object_str")
        for row_pk, _ in candidates(table, "id", column, traces.prefilter)
    } - {r.pk for r in mentioning}
    siblings = [
        r
        for r in Revision.objects.filter(pk__in=weak_only)
        if (r.base_content_type_id, r.object_id) in objects
    ]
    relations = content_relations()
    for revision in mentioning + siblings:
        model = revision.content_type.model_class()
        content, nulled = null_refs(revision.content, model, pk, relations)
        content, replaced = traces.scrub_data(content, related=True)
        object_str, renamed = traces.scrub_text(revision.object_str, related=True)
        if nulled or replaced or renamed:
            Revision.objects.filter(pk=revision.pk).update(content=content, object_str=object_str)
            report.revisions_changed += 1
    related = {}
    for revision in mentioning:
        model = revision.base_content_type.model_class()
        if model is not None:
            related.setdefault(model, set()).add(str(revision.object_id))
    return related


def _scrub_logs(pk, traces, report):
    """The person's own log entries go (their label is the name); others are scrubbed."""
    from ..models import Person

    own = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(pk)
    ).exclude(action=ERASE_ACTION)
    report.log_entries_changed += own.delete()[0]
    for model in (ModelLogEntry, PageLogEntry):
        for column, is_json in (("label", False), ("data", True)):
            report.log_entries_changed += len(
                scrub_column(model._meta.db_table, "id", column, traces, is_json)
            )


def _scrub_app(label, traces, report, touched, related):
    try:
        config = apps.get_app_config(label)
    except LookupError:
        return
    for model in config.get_models():
        if label == "wagtailcore" and model._meta.model_name not in WAGTAIL_TEXT_MODELS:
            continue  # revisions and logs are handled above
        if model._meta.label == "network.Person":
            continue  # the person's row is gone; a namesake's own record must stay intact
        ids = set().union(*(ids for base, ids in related.items() if issubclass(model, base)))
        changed = scrub_model(model, traces, ids)
        report.rows_scrubbed += len(changed)
        for pk in changed:
            touched.add((_specific_label(model, pk), pk))


def _scrub_wagtail_index(traces):
    """Wagtail's admin search index keeps page text as plain columns on SQLite (its FTS5 table
    follows by trigger); PostgreSQL keeps tsvectors there, renewed when the pages are
    re-indexed after commit."""
    from wagtail.search.models import IndexEntry

    scrub_model(IndexEntry, traces)


def _specific_label(model, pk):
    """Pages are re-indexed as their specific class."""
    from wagtail.models import Page

    if issubclass(model, Page):
        page = Page.objects.filter(pk=pk).first()
        if page is not None and page.specific_class is not None:
            return page.specific_class._meta.label
    return model._meta.label


def _forget_in_search(pk, touched, report, entry_pk, name):
    """Remove the person's documents, re-index what pointed at or mentioned them, drop the name
    from the suggestion vocabulary, compact the full-text indexes, and record in the erasure's
    log entry what each backend confirmed."""
    from search import indexing
    from search.registry import document_key

    from ..models import Person

    report.search = indexing.forget([document_key(Person(pk=pk))])
    for label, obj_pk in touched:
        model = apps.get_model(label)
        obj = model._default_manager.filter(pk=obj_pk).first()
        if obj is None:
            continue
        _wagtail_reindex(obj)
        indexing.index_object(obj)
    indexing.forget_words(name)
    indexing.compact()
    _compact_wagtail_index()
    entry = ModelLogEntry.objects.filter(pk=entry_pk).first()
    if entry is not None:
        entry.data = report.as_log_data()
        entry.save(update_fields=["data"])


def _wagtail_reindex(obj):
    """Wagtail's own search index (admin search) keeps page text too."""
    from wagtail.search import index

    if isinstance(obj, index.Indexed):
        index.insert_or_update_object(obj)


def _compact_wagtail_index():
    """Merge the segments of Wagtail's FTS5 table so no deleted term stays in them (SQLite)."""
    if connection.vendor != "sqlite" or WAGTAIL_FTS not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute(WAGTAIL_FTS_OPTIMIZE)
