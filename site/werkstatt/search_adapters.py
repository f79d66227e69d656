"""How the site's own content pages (Impressum, Datenschutz, Barrierefreiheit and other
StandardPages) are found: kind 'seite', live pages only. Part of the project shell, since search
sits above the werkstatt library; view restrictions are applied by search for every page."""

from search.registry import Adapter, IndexDocument, register

from .blocks import stream_text
from .models import StandardPage


class StandardPageAdapter(Adapter):
    model = StandardPage

    def get_queryset(self):
        return StandardPage.objects.live()

    def to_document(self, page):
        if not page.live:
            return None
        summary = page.search_description.strip() or page.intro
        # The intro stays findable when the search description replaces it as the summary.
        intro = page.intro if summary != page.intro else ""
        return IndexDocument(
            kind="seite",
            title=page.title,
            url=page.url or "",
            summary=summary,
            body="\n\n".join(part for part in (intro, stream_text(page.body)) if part),
        )


def register_all():
    register(StandardPageAdapter())
