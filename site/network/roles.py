"""Who edits what: the central editorial team, one editor group per municipality, members.

Key concepts: „Redaktion“ edits and publishes everything; „Redaktion <Kommune>“ (the group
linked from `Municipality.editor_group`) edits that municipality's pages and contacts and
publishes through the central team's review; „Mitglieder“ see members-only contacts. These
functions are the only place that reads group membership for access decisions.
"""

from django.contrib.auth.models import Group

CENTRAL_GROUP = "Redaktion"
MEMBERS_GROUP = "Mitglieder"


def _active(user):
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _group_names(user):
    """The user's group names, read once per request object."""
    cached = getattr(user, "_werkstatt_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._werkstatt_groups = cached
    return cached


def is_central_editor(user):
    """Superusers and the central team „Redaktion“: every page, every contact."""
    if not _active(user):
        return False
    return user.is_superuser or CENTRAL_GROUP in _group_names(user)


def is_member(user):
    """Network members: the group „Mitglieder“ or any editor group."""
    if not _active(user):
        return False
    return (
        is_central_editor(user)
        or MEMBERS_GROUP in _group_names(user)
        or bool(editor_municipality_ids(user))
    )


def editor_municipality_ids(user):
    """Primary keys of the municipalities whose editor group the user is in (a frozenset)."""
    if not _active(user):
        return frozenset()
    cached = getattr(user, "_werkstatt_municipalities", None)
    if cached is None:
        from .models import Municipality

        cached = frozenset(
            Municipality.objects.filter(editor_group__user=user).values_list("pk", flat=True)
        )
        user._werkstatt_municipalities = cached
    return cached


def municipality_group_name(municipality):
    return f"{CENTRAL_GROUP} {municipality.name}"


def editor_group_for(municipality):
    """The municipality's editor group, created (and linked) on first use."""
    if municipality.editor_group_id:
        return municipality.editor_group
    group, _created = Group.objects.get_or_create(name=municipality_group_name(municipality))
    municipality.editor_group = group
    municipality.save(update_fields=["editor_group"])
    return group
