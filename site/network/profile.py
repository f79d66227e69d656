"""Municipality profile sections: other apps plug their parts into /netzwerk/kommunen/<slug>/.

Key concepts: an app offers its sections through the Wagtail hook `SECTIONS_HOOK` in its
`wagtail_hooks.py` (`hooks.register(SECTIONS_HOOK, fn)`, `fn()` returns a list of sections),
Wagtail's own plugin convention. A section has `title`, `order`, `template_name` and
`get_items(municipality, request) -> list`; the profile page renders each section that returns
items, in `order`, with the template context `section`, `items`, `municipality` and
`request`. `Section` is a convenient base class.
"""

from dataclasses import dataclass

from wagtail import hooks

SECTIONS_HOOK = "municipality_profile_sections"


@dataclass
class Section:
    title: str
    order: int = 100
    template_name: str = "network/includes/profile_section_list.html"
    key: str = ""

    def get_items(self, municipality, request):
        return []


def sections():
    """Every app's sections in order; a later hook replaces an earlier one's section of the same
    key (or title)."""
    by_key = {}
    for hook in hooks.get_hooks(SECTIONS_HOOK):
        for section in hook():
            by_key[getattr(section, "key", "") or str(section.title)] = section
    return sorted(by_key.values(), key=lambda s: (s.order, str(s.title)))


def rendered_sections(municipality, request):
    """(section, items) for every registered section that has something to show."""
    result = []
    for section in sections():
        items = list(section.get_items(municipality, request) or [])
        if items:
            result.append((section, items))
    return result
