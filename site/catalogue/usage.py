"""Where a tool was put to work: published pages of other apps (projects, reports) naming it.

Key concepts: the catalogue must not import the apps that point at it, so they offer a source
through the Wagtail hook `USES_HOOK` (`hooks.register(USES_HOOK, source)` in their
`wagtail_hooks.py`): a function `(tool, request) -> [Use]` of only the pages the request may
open, optionally with `source.many(tools, request) -> {tool pk: [Use]}`. The tool page lists
the uses of every source, newest first: the cross-municipal answer to "who did this already,
and where".
"""

from dataclasses import dataclass

from wagtail import hooks

USES_HOOK = "tool_uses"


@dataclass(frozen=True)
class Use:
    kind: str  # shown as is: "Projekt", "Bericht"
    title: str
    url: str
    region_label: str = ""
    year: int | None = None


def _sources():
    return hooks.get_hooks(USES_HOOK)


def _newest_first(uses):
    return sorted(uses, key=lambda use: (-(use.year or 0), use.title.casefold()))


def uses_of(tool, request):
    """Every registered source's uses of `tool` that `request` may open, newest first."""
    return _newest_first([use for source in _sources() for use in source(tool, request)])


def uses_of_many(tools, request):
    """{tool pk: uses} for many tools (lists, exports, the API): a source that offers `many`
    answers for all of them in one query instead of one per tool."""
    found = {tool.pk: [] for tool in tools}
    for source in _sources():
        many = getattr(source, "many", None)
        if many is None:
            for tool in tools:
                found[tool.pk].extend(source(tool, request))
        else:
            for pk, uses in many(tools, request).items():
                found[pk].extend(uses)
    return {pk: _newest_first(uses) for pk, uses in found.items()}
