"""The one viewer rule for the public site: who is looking (public or member).

Key concepts: on public pages, feeds and the public API there are exactly two audiences.
Members (group „Mitglieder“ or any editor group, see `roles`) see public and members-only
contacts and members-only pages; everyone else sees public ones. Editing rights never widen
what a public page shows: hidden and not-consented contacts appear only in the admin, where
`network.permissions` scopes them to the central team and the person's municipality editors.
Search learns this rule through the setting `SEARCH_VIEWER_FUNCTION` (it imports no content app).
"""

from .roles import is_member

PUBLIC, MEMBER = "public", "member"


def viewer_level(user):
    """PUBLIC or MEMBER for the public site."""
    return MEMBER if is_member(user) else PUBLIC


def search_viewer(user):
    """The search contract's viewer value for a user (PUBLIC or MEMBERS)."""
    from search.contract import MEMBERS
    from search.contract import PUBLIC as SEARCH_PUBLIC

    return MEMBERS if viewer_level(user) == MEMBER else SEARCH_PUBLIC
