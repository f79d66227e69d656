"""Open data: every public tool of every catalogue as CSV, XLSX and JSON, and its DCAT-AP.de record.

Key concepts: a record is what an anonymous visitor can read on the tool page, nothing more:
live tools without a view restriction on themselves or above (Wagtail's `.public()`), the
projects and reports that used them as `catalogue.usage` reports them to an anonymous request
(restricted ones stay out), and no contact person (personal data has no place under an open
licence). The CSV and XLSX carry the catalogue import's columns (`spreadsheet_columns.values_to_row`),
with the official region key in `AGS` (an alias of the importer's `Region`), so the file
re-imports into an empty catalogue; further columns (URL, region name and level, uses) are
ignored by the importer. The JSON carries the same records with types (numbers, lists).

Licence: Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0). German public
bodies publish under it (GovData's default), the region keys from Destatis already come
under it, it is compatible with CC BY 4.0, and it is in the DCAT-AP.de licence vocabulary.
"""

from decimal import Decimal

import pandas as pd
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from taxonomy.models import ActionField, TargetGroup
from werkstatt.sitemaps import site_for

from .models import CatalogueIndexPage, ToolPage
from .models.tool import parse_years
from .spreadsheet_columns import EXPORT_COLUMNS, tool_values, values_to_row
from .usage import uses_of_many

LICENCE = {
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "id": "dl-de/by-2-0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
    "dcat": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
}

# The importer's columns, without the contact person; `Region` is called `AGS` here.
IMPORT_COLUMNS = [c for c in EXPORT_COLUMNS if c not in ("Ansprechperson", "Region")]
EXTRA_COLUMNS = [
    "AGS",
    "Regionsname",
    "Regionsebene",
    "Übertragbarkeit",
    "Projekte und Berichte",
    "Nr. im Katalog",
    "Katalog",
    "URL",
    "Zuletzt geändert",
]
COLUMNS = [*IMPORT_COLUMNS, *EXTRA_COLUMNS]
COLUMN_HELP = [
    ("ID", "stabile Kennung des Werkzeugs in der Werkstatt"),
    ("Handlungsfeld", "Handlungsfelder, mit „;“ getrennt; das erste ist das Haupt-Handlungsfeld"),
    ("Werkzeug", "Titel"),
    ("Status", "„bestehend“ oder „neu“"),
    ("Kurzbeschreibung, Beschreibung", "Text; Leerzeile trennt Absätze"),
    ("Zielgruppen, Schlagworte", "mit „;“ getrennt"),
    ("Umsetzungsort, Beteiligte", "freier Text"),
    ("Budget (EUR)", "Summe der Budgetposten, deutsch geschrieben (1.500,50)"),
    ("Finanzierung", "Quellen der Mittel"),
    ("Externe Beratung", "„nein“, „ja“ oder „ja: was genau“"),
    ("Jahre", "z. B. 2017;2018"),
    ("Praxisbeispiel", "„ja“ oder „nein“"),
    (
        "AGS",
        "amtlicher Schlüssel der Region (2 Stellen Land, 5 Kreis, 8 Gemeinde), sonst der des Katalogs",
    ),
    ("Regionsname, Regionsebene", "Name und Ebene (Land, Kreis, Gemeinde) der Region"),
    ("Übertragbarkeit", "was eine andere Kommune zum Übernehmen braucht"),
    (
        "Projekte und Berichte",
        "öffentliche Projekte und Berichte, die das Werkzeug einsetzen, je Zeile",
    ),
    ("Nr. im Katalog", "Nummer aus der Tabelle der Kommune"),
    ("Katalog, URL", "Werkzeugkatalog und Adresse der Werkzeugseite"),
    ("Zuletzt geändert", "Zeitpunkt der letzten Veröffentlichung (ISO 8601)"),
]
FILE_NAME = "werkzeuge"
TITLE = "Werkzeuge und Praxisbeispiele der Werkstatt"


def landing_url(request):
    return site_for(request).root_url + "/offene-daten/"


def anonymous_request(request=None):
    """A request as an anonymous visitor makes it (same host), for the view-restriction rules."""
    anonymous = RequestFactory().get("/", HTTP_HOST=request.get_host() if request else "localhost")
    anonymous.user = AnonymousUser()
    anonymous.session = {}
    return anonymous


def public_tools():
    """Live tools with no view restriction on them or above, in tree order."""
    return (
        ToolPage.objects.live()
        .public()
        .select_related("primary_action_field", "location_region")
        .prefetch_related(
            "further_action_fields", "target_groups", "tagged_items__tag", "budget_lines"
        )
        .order_by("path")
    )


def records(request, tools=None):
    """One dict per public tool (all, or those of `tools`): the values the files are made of."""
    base = site_for(request).root_url
    visitor = anonymous_request(request)
    tools = list(public_tools() if tools is None else tools)
    parent_paths = {tool.path[: -tool.steplen] for tool in tools}
    catalogues = {
        c.path: c
        for c in CatalogueIndexPage.objects.filter(path__in=parent_paths).select_related(
            "owner_region"
        )
    }
    names = {
        "action_field": dict(ActionField.objects.values_list("pk", "name")),
        "target_group": dict(TargetGroup.objects.values_list("pk", "name")),
    }
    uses = uses_of_many(tools, visitor)
    result = []
    for tool in tools:
        catalogue = catalogues.get(tool.path[: -tool.steplen])
        region = tool.location_region or (catalogue.owner_region if catalogue else None)
        values = tool_values(tool)
        budget = values["budget"]
        result.append(
            {
                "tool": tool,
                "values": values,
                "id": tool.pk,
                "title": tool.title,
                "url": base + tool.url,
                "catalogue": catalogue,
                "catalogue_url": base + catalogue.url if catalogue else "",
                "region": region,
                "action_fields": [names["action_field"][pk] for pk in values["action_fields"]],
                "target_groups": [names["target_group"][pk] for pk in values["target_groups"]],
                "years": parse_years(tool.years),
                "budget": float(budget) if isinstance(budget, Decimal) else None,
                "uses": [{**use.__dict__, "url": base + use.url} for use in uses[tool.pk]],
                "modified": tool.last_published_at,
            }
        )
    return result


def _uses_cell(uses):
    return "\n".join(f"{use['kind']}: {use['title']} – {use['url']}" for use in uses)


def frame(items):
    """The CSV/XLSX table: the import columns, then the open-data columns."""
    names = {
        "action_field": dict(ActionField.objects.values_list("pk", "name")),
        "target_group": dict(TargetGroup.objects.values_list("pk", "name")),
        "region": {},
    }
    rows = []
    for item in items:
        row = values_to_row(item["values"], names)
        region = item["region"]
        row.update(
            {
                "ID": str(item["id"]),
                "AGS": region.code if region else "",
                "Regionsname": region.label if region else "",
                "Regionsebene": region.get_level_display() if region else "",
                "Übertragbarkeit": item["tool"].transferability,
                "Projekte und Berichte": _uses_cell(item["uses"]),
                "Nr. im Katalog": item["values"]["import_id"],
                "Katalog": item["catalogue"].title if item["catalogue"] else "",
                "URL": item["url"],
                "Zuletzt geändert": item["modified"].isoformat() if item["modified"] else "",
            }
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def json_record(item):
    """A record as the JSON file and the API give it (German keys, typed values)."""
    values, region = item["values"], item["region"]
    return {
        "id": item["id"],
        "titel": item["title"],
        "url": item["url"],
        "katalog": {
            "titel": item["catalogue"].title if item["catalogue"] else "",
            "url": item["catalogue_url"],
        },
        "handlungsfelder": item["action_fields"],
        "status": values["status"],
        "kurzbeschreibung": values["summary"],
        "beschreibung": values["description"],
        "zielgruppen": item["target_groups"],
        "schlagworte": list(values["tags"]),
        "umsetzungsort": values["location_text"],
        "region": region.record() if region else None,
        "beteiligte": values["partners"],
        "budget_eur": item["budget"],
        "finanzierung": values["funding"],
        "externe_beratung": {
            "noetig": values["external_advice"],
            "was": values["external_advice_text"],
        },
        "jahre": item["years"],
        "praxisbeispiel": values["good_practice"],
        "uebertragbarkeit": item["tool"].transferability,
        "projekte_und_berichte": [
            {
                "art": use["kind"],
                "titel": use["title"],
                "url": use["url"],
                "region": use["region_label"],
                "jahr": use["year"],
            }
            for use in item["uses"]
        ],
        "nr_im_katalog": values["import_id"],
        "zuletzt_geaendert": item["modified"].isoformat() if item["modified"] else None,
    }


def document(items, request):
    """The JSON file: licence, source, date, and the records with typed values."""
    return {
        "titel": TITLE,
        "lizenz": {
            "name": LICENCE["name"],
            "kennung": LICENCE["id"],
            "url": LICENCE["url"],
            "namensnennung": attribution(request),
        },
        "quelle": landing_url(request),
        "stand": last_modified(items).isoformat(),
        "anzahl": len(items),
        "werkzeuge": [json_record(item) for item in items],
    }


def last_modified(items):
    dates = [item["modified"] for item in items if item["modified"]]
    return max(dates) if dates else timezone.now()


def operator(request):
    """Who publishes: the operator named in the site settings."""
    from werkstatt.models import SiteSettings

    return SiteSettings.for_request(request).operator


def attribution(request):
    """The attribution dl-de/by-2-0 asks for: publisher, title, address, and Destatis for the keys."""
    return (
        f"{operator(request)}: {TITLE}, {landing_url(request)}; "
        "Regionalschlüssel: © Statistisches Bundesamt (Destatis)"
    )
