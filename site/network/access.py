"""Who is looking: editors (Wagtail admin access), network members (group „Mitglieder“), everyone else."""

MEMBERS_GROUP = "Mitglieder"
PUBLIC, MEMBER, EDITOR = "public", "member", "editor"


def is_editor(user):
    """Staff, superusers and anyone allowed into the Wagtail admin see every contact."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


def is_member(user):
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, "_network_is_member", None)
    if cached is None:
        cached = user.groups.filter(name=MEMBERS_GROUP).exists()
        user._network_is_member = cached
    return cached


def viewer_level(user):
    """PUBLIC, MEMBER or EDITOR; editors count as members everywhere."""
    if is_editor(user):
        return EDITOR
    if is_member(user):
        return MEMBER
    return PUBLIC


def search_viewer(user):
    """The search contract's viewer value for a user: members and editors see MEMBERS documents."""
    from search.contract import MEMBERS
    from search.contract import PUBLIC as SEARCH_PUBLIC

    return MEMBERS if viewer_level(user) in (MEMBER, EDITOR) else SEARCH_PUBLIC
