"""Art. 15 DSGVO: everything stored about a person as one JSON-serialisable dict."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from .account import comments_naming, export_account, export_messages
from .relations import person_relations
from .revisions import revisions_mentioning
from .scrub import Traces

PERSON_FIELDS = [
    "id",
    "name",
    "function",
    "email",
    "phone",
    "last_confirmed",
    "visibility",
    "consent_given",
    "consent_date",
    "consent_method",
    "requested_visibility",
    "source",
    "created_at",
    "updated_at",
]


def _value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def export_person(person):
    """The person's record, member account, memberships, messages sent to them, references from
    other content, revisions, editors' comments naming them and log entries."""
    record = {name: _value(getattr(person, name)) for name in PERSON_FIELDS}
    record["visibility_label"] = str(person.get_visibility_display())
    record["organisation"] = (
        {"id": person.organisation_id, "name": person.organisation.name}
        if person.organisation
        else None
    )
    record["municipality"] = (
        {"id": person.municipality_id, "name": person.municipality.name}
        if person.municipality
        else None
    )
    record["action_fields"] = [f.name for f in person.action_fields.all()]
    memberships = [
        {
            "body": m.body.name,
            "body_id": m.body_id,
            "role": m.role,
            "group": m.group,
            "since": _value(m.since),
            "until": _value(m.until),
        }
        for m in person.memberships.select_related("body")
    ]
    references = []
    for relation in person_relations():
        if relation.model._meta.label == "network.Membership":
            continue
        for obj in relation.referencing(person):
            references.append(
                {
                    "model": relation.model._meta.label,
                    "field": relation.field.name,
                    "id": obj.pk,
                    "title": str(obj),
                }
            )
    revisions = [
        {
            "id": revision.pk,
            "object": revision.object_str,
            "model": revision.base_content_type.model_class()._meta.label
            if revision.base_content_type.model_class()
            else "",
            "created_at": _value(revision.created_at),
        }
        for revision in revisions_mentioning(Traces.of(person), person.pk)
    ]
    log_entries = [
        {"action": entry.action, "timestamp": _value(entry.timestamp)}
        for entry in ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(person),
            object_id=str(person.pk),
        ).order_by("timestamp")
    ]
    saved_searches = [
        {
            "title": saved.title,
            "query": saved.query,
            "frequency": saved.frequency,
            "created_at": _value(saved.created_at),
            "last_sent": _value(saved.last_sent),
        }
        for saved in (person.user.saved_searches.all() if person.user_id else [])
    ]
    return {
        "exported_at": timezone.now().isoformat(),
        "person": record,
        "account": export_account(person.user if person.user_id else None),
        "saved_searches": saved_searches,
        "messages": export_messages(person),
        "comments": comments_naming(Traces.of(person)),
        "memberships": memberships,
        "references": references,
        "revisions": revisions,
        "log_entries": log_entries,
    }
