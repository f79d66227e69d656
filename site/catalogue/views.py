"""Open data views: the page that explains it, the three files and the DCAT-AP.de description.

Everything here is the same for every visitor (public records only), so the page cache keeps
it for anonymous requests and purges it with any content change.
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from werkstatt.spreadsheets import spreadsheet_response

from . import dcat, opendata

EXTENSIONS = ("csv", "xlsx", "json")


def _open(response):
    """Anyone may fetch open data, also a portal's script on another host (read-only)."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def opendata_page(request):
    items = opendata.records(request)
    return render(
        request,
        "catalogue/opendata.html",
        {
            "count": len(items),
            "modified": opendata.last_modified(items).replace(microsecond=0) if items else None,
            "licence": opendata.LICENCE,
            "attribution": opendata.attribution(request),
            "columns": opendata.COLUMN_HELP,
            "formats": [(ext, dcat.FORMATS[ext][0], dcat.FORMATS[ext][2]) for ext in EXTENSIONS],
        },
    )


@require_safe
def opendata_file(request, extension):
    if extension not in EXTENSIONS:
        raise Http404
    items = opendata.records(request)
    if extension == "json":
        body = json.dumps(opendata.document(items, request), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{opendata.FILE_NAME}.json"'
    else:
        response = spreadsheet_response(
            opendata.frame(items), extension, opendata.FILE_NAME, sheet_name="Werkzeuge"
        )
    return _open(response)


@require_safe
def opendata_dcat(request):
    description = dcat.catalogue_description(opendata.records(request), request)
    body = json.dumps(description, ensure_ascii=False, indent=1)
    return _open(HttpResponse(body, content_type="application/ld+json; charset=utf-8"))
