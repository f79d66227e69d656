"""The OpenAPI 3 description of the search API, built from the contract so it cannot drift.

Other apps add their read-only endpoints through the Wagtail hook `PATHS_HOOK`: each registered
function returns {path: path item} (registered in the app's `wagtail_hooks.py`).
"""

from wagtail import hooks

from .contract import DEFAULT_PAGE_SIZE, FACETS, KINDS, MAX_QUERY_LENGTH, SORTS, VOCABULARIES
from .params import (
    MAX_PAGE,
    MAX_VALUE_LENGTH,
    MAX_VALUES,
    NAMED_FACETS,
    NO_CONTROL,
    VALUE_PATTERNS,
    named_values,
)

# q: at most MAX_QUERY_LENGTH characters, no control characters (tab, CR and LF are allowed)
QUERY_SCHEMA = {"type": "string", "maxLength": MAX_QUERY_LENGTH, "pattern": f"^{NO_CONTROL}*$"}

PATHS_HOOK = "openapi_paths"


def _facet_parameter(name):
    schema = {"type": "string"}
    if name == "art":
        schema["enum"] = list(KINDS)
    elif name in VOCABULARIES:
        schema["enum"] = list(VOCABULARIES[name])
    elif name in NAMED_FACETS and (known := list(named_values(name))):
        # the values that exist now: a well-formed value that names nothing is a 400, as on
        # /suche/, so the schema must not offer it
        schema["enum"] = known
    else:
        schema["pattern"] = f"^{VALUE_PATTERNS[name]}$"
    descriptions = {
        "art": "Art des Inhalts",
        "handlungsfeld": "Kurzname (Slug) eines Handlungsfelds",
        "region": "Amtlicher Schlüssel (Land, Kreis, Gemeinde); findet auch alles darunter",
        "zielgruppe": "Kurzname (Slug) einer Zielgruppe",
        "status": "Status eines Werkzeugs",
        "schlagwort": "Schlagwort (genau wie angezeigt)",
        "jahr": "Jahr",
        "monat": "Monat einer Einzelmaßnahme (1 = Januar bis 12 = Dezember)",
        "budget": "Budgetband einer Einzelmaßnahme",
        "beratung": "Einzelmaßnahme mit (ja) oder ohne (nein) externe Beratung",
        "fortschritt": "Aktueller Stand eines Werkzeugs laut Zwischenbilanz",
        "qualitaet": "Qualitätsstatus eines Werkzeugs oder Projekts",
    }
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": f"{descriptions[name]}. Mehrfach angeben für ODER (höchstens {MAX_VALUES}); "
        "ein Wert, den es nicht gibt, wird wie auf /suche/ mit 400 und einer Meldung beantwortet.",
        "schema": {"type": "array", "items": schema, "maxItems": MAX_VALUES},
        "style": "form",
        "explode": True,
    }


def _similar_schema():
    """aehnlich: the short names the site knows (setting SEARCH_SIMILAR_KEYS_FUNCTION, since
    search knows no municipality), so every value the schema allows is answered."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    path = getattr(settings, "SEARCH_SIMILAR_KEYS_FUNCTION", "")
    keys = list(import_string(path)()) if path else []
    if keys:
        return {"type": "string", "enum": keys}
    return {"type": "string", "maxLength": MAX_VALUE_LENGTH}


def schema():
    bucket = {
        "type": "object",
        "required": ["value", "label", "count", "selected"],
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
            "level": {"type": "integer", "minimum": 0, "description": "Tiefe (Region: 0 = Land)"},
            "parent": {"type": ["string", "null"]},
        },
    }
    hit = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "kind": {"type": "string", "enum": list(KINDS)},
            "kind_label": {"type": "string"},
            "title": {"type": "string"},
            "url": {"type": "string"},
            "summary": {"type": "string"},
            "highlight": {"type": "string", "description": "HTML-escaped, Treffer in <mark>"},
            "title_highlight": {
                "type": "string",
                "description": "Titel HTML-escaped, Treffer in <mark>; leer ohne Treffer im Titel",
            },
            "region": {"type": "string"},
            "date": {
                "type": ["string", "null"],
                "format": "date",
                "description": "Datum des Inhalts (Werkzeug: erstes Jahr, Bericht: Erscheinen, "
                "Projekt: Beginn); bei date_precision „jahr“ zählt nur das Jahr",
            },
            "date_precision": {"type": "string", "enum": ["tag", "jahr"]},
            "scope_note": {
                "type": "string",
                "description": "z. B. „gilt für den ganzen Kreis“: über die Region darüber gefunden",
            },
            "match_note": {
                "type": "string",
                "description": "Wo der Ausschnitt (highlight) gefunden wurde, wenn nicht im Text "
                "der Seite: „im Dokument »…«“ (Text einer angehängten Datei) oder in der Einordnung "
                "(Handlungsfeld, Zielgruppe, Schlagwort, Region); sonst leer",
            },
            "action_field": {
                "type": ["object", "null"],
                "properties": {
                    "slug": {"type": "string"},
                    "name": {"type": "string"},
                    "colour": {"type": "string"},
                },
            },
        },
    }
    error = {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {
                    "status": {"type": "integer"},
                    "message": {"type": "string"},
                    "parameter": {"type": "string"},
                },
            }
        },
    }
    search_parameters = [
        {
            "name": "q",
            "in": "query",
            "schema": QUERY_SCHEMA,
            "description": "Suchbegriffe (alle müssen vorkommen; deutsche Wortformen, ae/ä, ss/ß)",
        },
        *[_facet_parameter(name) for name in FACETS],
        {"name": "sortierung", "in": "query", "schema": {"type": "string", "enum": list(SORTS)}},
        {
            "name": "uebergeordnet",
            "in": "query",
            "schema": {"type": "string", "enum": ["ja", "nein"], "default": "ja"},
            "description": "Mit Gemeinde- oder Kreisfilter auch finden, was für den ganzen Kreis "
            "oder das ganze Land gilt (Treffer mit scope_note)",
        },
        {
            "name": "aehnlich",
            "in": "query",
            "schema": _similar_schema(),
            "description": "Kommunen ähnlich wie diese: Kurzname (wie in "
            "/netzwerk/kommunen/<kurzname>/) oder Gemeindeschlüssel einer Kommune des Netzwerks. "
            "Findet nur, was in den ähnlichen Kommunen liegt (Ähnlichkeitswert aus Größe, "
            "Siedlungsdichte, Bevölkerungsentwicklung und Handlungsfeldern, wie im Profil der "
            "Kommune erklärt); unbekannt: 400",
        },
        {
            "name": "seite",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            "description": f"Seite zu je {DEFAULT_PAGE_SIZE} Treffern; hinter der letzten: keine",
        },
    ]
    bad_request = {
        "description": "Ungültige Parameter (unbekannter Name, Wert gegen das Schema oder einer, den es nicht gibt, zu lang); Meldung auf Deutsch, wie /suche/",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    paths = {
        "/api/v1/suche/": {
            "get": {
                "summary": "Facettierte Suche über alle Inhalte",
                "operationId": "search",
                "parameters": search_parameters,
                "responses": {
                    "200": {
                        "description": "Treffer und Facetten (ODER innerhalb, UND zwischen Facetten; "
                        "jede Facette ohne ihren eigenen Filter gezählt; eine Region zählt, was die Auswahl "
                        "dazu findet: bei gewählten Regionen die Treffer zusammen mit denen, die "
                        "gewählt bleiben)",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/SearchResponse"}
                            }
                        },
                    },
                    "400": bad_request,
                },
            }
        },
        "/api/v1/suche/vorschlaege/": {
            "get": {
                "summary": "Titelvorschläge für das Suchfeld (Wortanfang)",
                "operationId": "suggest",
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "schema": QUERY_SCHEMA,
                        "description": "Wortanfang (Leerzeichen am Rand zählen nicht)",
                    }
                ],
                "responses": {
                    "200": {
                        "description": "Bis zu acht Titel",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "q": {"type": "string"},
                                        "suggestions": {
                                            "type": "array",
                                            "items": {"type": "string"},
                                        },
                                    },
                                }
                            }
                        },
                    },
                    "400": bad_request,
                },
            }
        },
    }
    for hook in hooks.get_hooks(PATHS_HOOK):
        paths.update(hook())
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Werkstatt API",
            "version": "1.0.0",
            "description": "Offene, lesende Schnittstelle der Werkstatt (Suche über Werkzeuge, "
            "Projekte, Berichte und das Netzwerk).",
        },
        "paths": paths,
        "components": {
            "schemas": {
                "Bucket": bucket,
                "Hit": hit,
                "Error": error,
                "SearchResponse": {
                    "type": "object",
                    "required": ["total", "hits", "facets", "selected", "backend"],
                    "properties": {
                        "q": {"type": "string"},
                        "total": {"type": "integer"},
                        "suggestion": {
                            "type": "string",
                            "description": "„Meinten Sie“: eine Schreibweise aus dem Index, "
                            "die mehr findet; leer, wenn es keine gibt",
                        },
                        "partial": {
                            "type": ["object", "null"],
                            "description": "alle Wörter zusammen finden wenig oder nichts: "
                            "nach den alle_woerter Treffern mit allen Wörtern folgen Treffer, "
                            "die einen Teil der Anfrage abdecken; ohne: was dem besten von "
                            "ihnen fehlt, q: die Anfrage ohne diese Wörter",
                            "properties": {
                                "ohne": {"type": "array", "items": {"type": "string"}},
                                "q": {"type": "string"},
                                "alle_woerter": {"type": "integer"},
                            },
                        },
                        "also": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "auch gesucht: Synonyme und verwandte Wörter",
                        },
                        "page": {"type": "integer"},
                        "pages": {"type": "integer"},
                        "page_size": {"type": "integer"},
                        "sort": {"type": "string", "enum": list(SORTS)},
                        "selected": {
                            "type": "object",
                            "additionalProperties": {"type": "array", "items": {"type": "string"}},
                        },
                        "similar": {
                            "type": ["object", "null"],
                            "description": "mit aehnlich: die Kommune, warum die anderen ihr "
                            "ähneln und welche es sind (deren Regionen die Treffer eingrenzen)",
                            "properties": {
                                "key": {"type": "string"},
                                "label": {"type": "string"},
                                "note": {"type": "string"},
                                "municipalities": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "name": {"type": "string"},
                                            "region": {"type": "string"},
                                        },
                                    },
                                },
                            },
                        },
                        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                        "facets": {
                            "type": "object",
                            "properties": {
                                name: {
                                    "type": "object",
                                    "properties": {
                                        "label": {"type": "string", "const": str(label)},
                                        "buckets": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/Bucket"},
                                        },
                                    },
                                }
                                for name, label in FACETS.items()
                            },
                        },
                        "backend": {
                            "type": "string",
                            "description": "welches Backend geantwortet hat",
                        },
                        "notice": {"type": "string"},
                    },
                },
            }
        },
    }
