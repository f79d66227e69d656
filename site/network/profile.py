"""Municipality profile sections: other apps plug their parts into /netzwerk/kommunen/<slug>/.

Key concepts: an app calls `register_section(section)` in its `AppConfig.ready()`. A section has
`title`, `order`, `template_name` and `get_items(municipality, request) -> list`; the profile
page renders each section that returns items, in `order`, with the template context
`section`, `items`, `municipality` and `request`. `Section` is a convenient base class.
"""

from dataclasses import dataclass

_sections = {}


@dataclass
class Section:
    title: str
    order: int = 100
    template_name: str = "network/includes/profile_section_list.html"
    key: str = ""

    def get_items(self, municipality, request):
        return []


def register_section(section):
    """Register (or replace, by key or title) a section of the municipality profile page."""
    key = getattr(section, "key", "") or str(section.title)
    _sections[key] = section
    return section


def sections():
    return sorted(_sections.values(), key=lambda s: (s.order, str(s.title)))


def rendered_sections(municipality, request):
    """(section, items) for every registered section that has something to show."""
    result = []
    for section in sections():
        items = list(section.get_items(municipality, request) or [])
        if items:
            result.append((section, items))
    return result
