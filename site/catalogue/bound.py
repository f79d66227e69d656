"""The bound catalogue („gebundenes Exemplar“): a whole Werkzeugkatalog as one PDF for print.

Key concepts: WeasyPrint lays out one HTML document (`catalogue/bound/catalogue.html`) with
CSS paged media: a cover, contents whose page numbers come from `target-counter()`, per action
field the vision and the tools with their status in colour and in words, then one sheet per
tool, and in every footer the page number and the catalogue's address. Fonts are the
machine's (Debian's DejaVu or Liberation through fontconfig); the document loads nothing, not
even from this site (`_refuse` is its URL fetcher), so no third-party host can appear.

The PDF holds the tools the visitor may open (Wagtail view restrictions, `viewable`) and no
contact persons (their visibility differs per viewer). It is kept in VAR_DIR/katalog-pdf/
under a key of the catalogue's and its tools' publication times and the restrictions that
apply, shared by all workers; any publish, unpublish, move or restriction change makes a new
key, so a changed catalogue is never served from an old file.
"""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from werkstatt.sitemaps import site_for
from werkstatt.visibility import blocked_paths, viewable

CACHE_DIR = "katalog-pdf"


def _refuse(url, *args, **kwargs):
    raise ValueError(f"Das gebundene Exemplar lädt keine Adressen ({url}).")


def tools_for(catalogue, request):
    return viewable(
        catalogue.tools().prefetch_related("tagged_items__tag", "budget_lines"), request
    )


def cache_key(catalogue, tools, request):
    """Changes whenever anything the PDF shows may have changed (see the module docstring)."""
    blocked = sorted(
        p
        for p in blocked_paths(request)
        if p.startswith(catalogue.path) or catalogue.path.startswith(p)
    )
    parts = [
        catalogue.pk,
        catalogue.path,
        catalogue.last_published_at,
        catalogue.owner_region_id,
        *[(t.pk, t.path, t.last_published_at) for t in tools],
        *blocked,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _css_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def render_pdf(catalogue, tools, request):
    """The PDF bytes (WeasyPrint); tagged, with title and language."""
    return layout(catalogue, tools, request).write_pdf(pdf_tags=True)


def layout(catalogue, tools, request):
    """The laid-out WeasyPrint document (its `pages` are the PDF's pages)."""
    from weasyprint import HTML

    root_url = site_for(request).root_url
    source_url = root_url + catalogue.url
    groups = catalogue.grouped(tools)
    html = render_to_string(
        "catalogue/bound/catalogue.html",
        {
            "catalogue": catalogue,
            "groups": groups,
            "tool_count": len(tools),
            "today": timezone.localdate(),
            "source_url": source_url,
            "root_url": root_url,
            "source_css": _css_string(f"Quelle: {source_url}"),
        },
        request=request,
    )
    return HTML(string=html, base_url=source_url, url_fetcher=_refuse).render()


def _cache_dir():
    folder = Path(settings.VAR_DIR) / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pdf_for(catalogue, request):
    """(bytes, from_cache): the cached PDF for this state of the catalogue, or a new one."""
    tools = list(tools_for(catalogue, request))
    key = cache_key(catalogue, tools, request)
    folder = _cache_dir()
    path = folder / f"{catalogue.pk}-{key}.pdf"
    try:
        return path.read_bytes(), True
    except FileNotFoundError:
        pass
    data = render_pdf(catalogue, tools, request)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)  # atomic: other workers read the old state or the whole file
    for old in folder.glob(f"{catalogue.pk}-*.pdf"):
        if old != path and old.stat().st_mtime < path.stat().st_mtime - 3600:
            old.unlink(missing_ok=True)  # other audiences' files stay for an hour
    return data, False
