"""What every read-only JSON endpoint shares: the answer, one page of a list, one object, and
the OpenAPI fragments that describe exactly these shapes.

Key concepts: each app's `api.py` keeps only its filters and its records; paging (`seite`,
checked by the one strict number reader), the page envelope (`anzahl`, `seite`, `seiten`,
`ergebnisse`), the 404 of a detail and their descriptions live here once, so the answers and the
schema cannot drift apart between apps. `serialise` always gets the objects of a whole page (a
list), so an app can look up what its records link to once per page instead of once per row.
"""

import re

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.utils.translation import gettext as _

from .numbers import MAX_ID, NumberError, query_int

PAGE_SIZE = 50
MAX_PAGE = 10_000
SLUG = "[a-z0-9-]{1,120}"
REGION = "[0-9]{2,12}"
YEAR = "(19|20)[0-9]{2}"
INVALID = "Unbekannter Parameter oder ungültiger Wert."


def json_response(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def error(message, parameter, status=400):
    return json_response({"fehler": str(message), "parameter": parameter}, status=status)


def read_filters(request, parameters):
    """{name: value, "" when absent} of the GET filters exactly as `parameters` declare them.

    ValueError(name) for an undeclared name, a name given twice, or a value its schema forbids
    (an empty one too: it matches no pattern and no enum), so what the OpenAPI description
    allows is what passes. `seite` is left to `page_of`.
    """
    declared = {p["name"]: p["schema"] for p in parameters}
    for name in request.GET:
        if (name not in declared and name != "seite") or len(request.GET.getlist(name)) > 1:
            raise ValueError(name)
    values = {}
    for name, schema in declared.items():
        value = request.GET.get(name)
        if value is None or schema.get("type") != "string":
            values[name] = ""
        elif not _allowed(schema, value):
            raise ValueError(name)
        else:
            values[name] = value
    return values


def _allowed(schema, value):
    if "enum" in schema:
        return value in schema["enum"]
    if "pattern" in schema:  # written "^...$" below; fullmatch also refuses a trailing newline
        return re.fullmatch(schema["pattern"][1:-1], value) is not None
    return True


def page_of(request, items, serialise, page_size=PAGE_SIZE, max_page=MAX_PAGE, extra=None):
    """One page of `items` as JSON; a bad `seite` raises `NumberError` (each API words its 400)."""
    if request.GET.get("seite", None) == "":  # given but empty: no integer, as in the schema
        raise NumberError(
            _("„seite“ muss eine ganze Zahl zwischen 1 und %(maximum)s sein.")
            % {"maximum": max_page},
            "seite",
        )
    number = query_int(request.GET, "seite", 1, max_page, default=1)
    paginator = Paginator(items, page_size)
    page = paginator.get_page(number)
    return json_response(
        {
            "anzahl": paginator.count,
            "seite": page.number,
            "seiten": paginator.num_pages,
            **(extra or {}),
            "ergebnisse": serialise(list(page.object_list)),
        }
    )


def filtered_page(request, parameters, select, serialise, extra=None):
    """A list endpoint in one call: the GET filters read as `parameters` declare them,
    `select(values)` the items, one page of them serialised; a value the schema forbids or a bad
    `seite` is a German 400 naming the parameter."""
    try:
        values = read_filters(request, parameters)
        return page_of(request, select(values), serialise, extra=extra)
    except NumberError as exc:
        return error(exc.message, "seite")
    except ValueError as exc:
        return error(INVALID, str(exc))


def one(items, serialise, missing):
    """The single object of `items` as JSON, or a 404 with the German `missing` message."""
    found = serialise(list(items[:1]))
    if not found:
        return error(missing, "id", 404)
    return json_response(found[0])


# --- OpenAPI ------------------------------------------------------------------------------

ERROR_SCHEMA = {
    "type": "object",
    "required": ["fehler"],
    "properties": {"fehler": {"type": "string"}, "parameter": {"type": "string"}},
}
REGION_SCHEMA = {
    "type": ["object", "null"],
    "required": ["ags", "name", "ebene"],
    "properties": {
        "ags": {"type": "string", "pattern": f"^{REGION}$"},
        "name": {"type": "string"},
        "ebene": {"type": "string"},
    },
}
LINKS_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "titel", "url"],
        "properties": {
            "id": {"type": "integer"},
            "titel": {"type": "string"},
            "url": {"type": "string"},
        },
    },
    "description": "nur verknüpfte Seiten, die die Anfragende öffnen darf",
}
ID_PARAMETER = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
}


def query(name, schema, description):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def pattern_filter(name, regex, description):
    return query(name, {"type": "string", "pattern": f"^{regex}$"}, description)


def choice_filter(name, values, description):
    return query(name, {"type": "string", "enum": [str(v) for v in values]}, description)


def slug_filter(name, what):
    return pattern_filter(name, SLUG, f"Kurzname {what} (ein unbekannter findet nichts)")


def region_filter():
    return pattern_filter(
        "region", REGION, "Amtlicher Schlüssel; findet auch alles darunter (ein unbekannter nichts)"
    )


def year_filter(description):
    return pattern_filter("jahr", YEAR, description)


def page_parameter(page_size=PAGE_SIZE, max_page=MAX_PAGE, what="Einträgen"):
    return query(
        "seite",
        {"type": "integer", "minimum": 1, "maximum": max_page},
        f"Seite zu je {page_size} {what}; hinter der letzten kommt die letzte",
    )


def answer(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def error_answer(description, schema=ERROR_SCHEMA):
    return answer(description, schema)


def page_schema(item, **extra_properties):
    return {
        "type": "object",
        "required": ["anzahl", "seite", "seiten", *extra_properties, "ergebnisse"],
        "properties": {
            "anzahl": {"type": "integer", "minimum": 0},
            "seite": {"type": "integer", "minimum": 1},
            "seiten": {"type": "integer", "minimum": 1},
            **extra_properties,
            "ergebnisse": {"type": "array", "items": item},
        },
    }


def list_path(path, name, what, item, parameters, who=""):
    """The OpenAPI path of a list `path` as `filtered_page` answers it."""
    return {
        path: {
            "get": {
                "summary": what + who,
                "operationId": name + "_list",
                "parameters": [*parameters, page_parameter()],
                "responses": {
                    "200": answer(f"Eine Seite {what}", page_schema(item)),
                    "400": error_answer("Unbekannter Parameter oder ungültiger Wert"),
                },
            }
        }
    }


def list_and_detail(path, name, what, item, parameters, list_item=None, who=""):
    """The OpenAPI paths of a list `path` and its detail `path{id}/`, both as `page_of`/`one` answer."""
    return {
        **list_path(path, name, what, list_item or item, parameters, who),
        path + "{id}/": {
            "get": {
                "summary": f"Ein Eintrag: {what}" + who,
                "operationId": name,
                "parameters": [ID_PARAMETER],
                "responses": {
                    "200": answer("Der Eintrag", item),
                    "404": error_answer("Nicht vorhanden oder nicht sichtbar"),
                },
            }
        },
    }
