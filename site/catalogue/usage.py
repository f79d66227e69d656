"""Where a tool was put to work: published pages of other apps (projects, reports) naming it.

Key concepts: the catalogue must not import the apps that point at it, so they register a
source here, a function `(tool, request) -> [Use]` (only pages the request may open) (projects does in its AppConfig.ready). The tool page
lists the uses of every source, newest first: the cross-municipal answer to "who did this
already, and where".
"""

from dataclasses import dataclass

_sources = []


@dataclass(frozen=True)
class Use:
    kind: str  # shown as is: "Projekt", "Bericht"
    title: str
    url: str
    region_label: str = ""
    year: int | None = None


def register_source(source):
    if source not in _sources:
        _sources.append(source)


def uses_of(tool, request):
    """Every registered source's uses of `tool` that `request` may open, newest first."""
    uses = [use for source in _sources for use in source(tool, request)]
    return sorted(uses, key=lambda use: (-(use.year or 0), use.title.casefold()))
