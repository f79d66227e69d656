"""Page view restrictions as search sees them: who may find a page at all.

Key concepts: search answers many viewers from one index, so it cannot ask Wagtail per hit
whether a password was entered or a group matches. A page with no view restriction (on itself
or an ancestor) is PUBLIC; one whose every restriction admits network members (login
required, or a group listed in the setting SEARCH_MEMBER_GROUPS) is MEMBERS; any other
(a password, other groups) is not indexed at all, so its title and text are in no result,
count, suggestion or feed. `Restrictions` loads all restrictions once per batch.
"""

from django.conf import settings

from .contract import MEMBERS, PUBLIC


class Restrictions:
    """Every page view restriction, loaded once: path -> admits members (bool)."""

    def __init__(self):
        from wagtail.models import PageViewRestriction

        member_groups = set(getattr(settings, "SEARCH_MEMBER_GROUPS", ()))
        self._rules = []
        for restriction in PageViewRestriction.objects.select_related("page").prefetch_related(
            "groups"
        ):
            if restriction.restriction_type == PageViewRestriction.LOGIN:
                admits_members = True
            elif restriction.restriction_type == PageViewRestriction.GROUPS:
                names = {group.name for group in restriction.groups.all()}
                admits_members = bool(names & member_groups)
            else:  # a password: nobody can be assumed to know it
                admits_members = False
            self._rules.append((restriction.page.path, admits_members))

    def audience(self, page):
        """PUBLIC, MEMBERS, or None when the page must not be findable; `page` may be None."""
        if page is None:
            return PUBLIC
        applying = [admits for path, admits in self._rules if page.path.startswith(path)]
        if not applying:
            return PUBLIC
        return MEMBERS if all(applying) else None

    def __bool__(self):
        return bool(self._rules)
