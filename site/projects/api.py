"""Read-only JSON of projects, reports and data reports: /api/v1/projekte/, /api/v1/berichte/,
/api/v1/datenberichte/ (each with /<id>/).

Key concepts: a visitor gets the live pages they may open (`werkstatt.visibility.viewable`:
Wagtail's view restrictions, so members also see members-only pages) and, of what the pages
link to, only what they may open too. The filters are those of the search that apply
(handlungsfeld, zielgruppe, region with everything below it, jahr, and per kind status,
praxisbeispiel, qualitaet or art); the OpenAPI description (`openapi_paths`) is the validation
(`jsonapi.read_filters`). A data report gives its table only as `publish` makes it for the
page: withheld cells are null and named in `geschuetzt`, the raw figures never leave.
Contacts of a project are left out (personal data has its own directory and privacy gate).
"""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from catalogue.models import QualityStatus
from network.views import private
from werkstatt import jsonapi
from werkstatt.readonly import read_only
from werkstatt.siteaddress import absolute_url
from werkstatt.visibility import viewable

from .datareports.importer import COUNT
from .models import (
    DataReportPage,
    ProjectPage,
    ProjectTool,
    ReportKind,
    ReportPage,
    ReportProject,
    ReportTool,
    Status,
)

TOPIC_FILTERS = [
    jsonapi.slug_filter("handlungsfeld", "eines Handlungsfelds"),
    jsonapi.slug_filter("zielgruppe", "einer Zielgruppe"),
    jsonapi.region_filter(),
]
PROJECT_FILTERS = [
    *TOPIC_FILTERS,
    jsonapi.year_filter("Jahr, in dem das Projekt lief"),
    jsonapi.choice_filter("status", Status.values, "Stand des Projekts"),
    jsonapi.choice_filter("praxisbeispiel", ["ja", "nein"], "nur gute Praxis / keine"),
    jsonapi.choice_filter("qualitaet", QualityStatus.values, "Qualitätsstatus"),
]
REPORT_FILTERS = [
    *TOPIC_FILTERS,
    jsonapi.year_filter("Erscheinungsjahr"),
    jsonapi.choice_filter("art", ReportKind.values, "Art des Berichts"),
]
DATA_REPORT_FILTERS = [*TOPIC_FILTERS, jsonapi.year_filter("Jahr des Stichtags")]


# --- querysets ----------------------------------------------------------------------------


def _topic_pages(model, request, values):
    """Live pages of `model` the request may open, filtered by the topic filters, tree order."""
    pages = viewable(model.objects.live(), request).select_related("region").order_by("path")
    if values.get("handlungsfeld"):
        pages = pages.filter(action_fields__slug=values["handlungsfeld"]).distinct()
    if values.get("zielgruppe"):
        pages = pages.filter(target_groups__slug=values["zielgruppe"]).distinct()
    if values.get("region"):
        pages = pages.filter(region__code__startswith=values["region"])
    return pages.prefetch_related("action_fields", "target_groups", "tagged_items__tag")


def _projects(request, values):
    pages = _topic_pages(ProjectPage, request, values)
    if values.get("jahr"):  # as ProjectPage.years: start to end, a missing end is the start year
        year = int(values["jahr"])
        pages = pages.filter(
            Q(period_start__year__lte=year, period_end__year__gte=year)
            | Q(period_start__year=year, period_end__isnull=True)
            | Q(period_start__isnull=True, period_end__year=year)
        )
    if values.get("status"):
        pages = pages.filter(status=values["status"])
    if values.get("praxisbeispiel"):
        pages = pages.filter(good_practice=values["praxisbeispiel"] == "ja")
    if values.get("qualitaet"):
        pages = pages.filter(quality_status=values["qualitaet"])
    return pages.prefetch_related(
        "phases",
        Prefetch("tools", ProjectTool.objects.filter(tool__live=True).select_related("tool")),
        Prefetch("reports", ReportProject.objects.filter(page__live=True).select_related("page")),
    )


def _reports(request, values):
    pages = _topic_pages(ReportPage, request, values)
    if values.get("jahr"):
        pages = pages.filter(year=int(values["jahr"]))
    if values.get("art"):
        pages = pages.filter(kind=values["art"])
    return pages.select_related("report_file").prefetch_related(
        Prefetch("tools", ReportTool.objects.filter(tool__live=True).select_related("tool")),
        Prefetch(
            "related_projects",
            ReportProject.objects.filter(project__live=True).select_related("project"),
        ),
    )


def _data_reports(request, values):
    pages = _topic_pages(DataReportPage, request, values)
    if values.get("jahr"):
        pages = pages.filter(reference_date__year=int(values["jahr"]))
    return pages


# --- records ------------------------------------------------------------------------------


def _url(page, request):
    return absolute_url(request, page.get_url(request))


def _terms(items):
    return [{"slug": item.slug, "name": item.name} for item in items]


def _date(value):
    return value.isoformat() if value else None


def _topic(page, request):
    return {
        "id": page.pk,
        "titel": page.title,
        "url": _url(page, request),
        "zusammenfassung": page.summary,
        "region": page.region.record() if page.region_id else None,
        "handlungsfelder": _terms(page.action_fields.all()),
        "zielgruppen": _terms(page.target_groups.all()),
        "schlagworte": sorted(item.tag.name for item in page.tagged_items.all()),  # prefetched
        "zuletzt_geaendert": _date(page.last_published_at),
    }


def _links(pages, request):
    """page -> {"id", "titel", "url"} for the linked pages the request may open (one check)."""
    allowed = viewable([page for page in pages if page is not None], request)
    return {
        page.pk: {"id": page.pk, "titel": page.title, "url": _url(page, request)}
        for page in allowed
    }


def project_records(pages, request):
    linked = _links(
        [link.tool for page in pages for link in page.tools.all()]
        + [link.page for page in pages for link in page.reports.all()],
        request,
    )
    labels = dict(Status.choices)
    return [
        {
            **_topic(page, request),
            "status": page.status,
            "status_name": str(labels.get(page.status, page.status)),
            "beginn": _date(page.period_start),
            "ende": _date(page.period_end),
            "jahre": page.years,
            "foerderprogramm": page.funding_programme,
            "praxisbeispiel": page.good_practice,
            "qualitaet": page.quality_status or None,
            "beteiligungsformate": [str(label) for label in page.participation_labels()],
            "ergebnisse_html": expand_db_html(page.results),
            "phasen": [
                {
                    "titel": phase.title,
                    "beginn": _date(phase.start),
                    "ende": _date(phase.end),
                    "status": phase.status,
                }
                for phase in page.phases.all()
            ],
            "werkzeuge": [linked[t.tool_id] for t in page.tools.all() if t.tool_id in linked],
            "berichte": [linked[r.page_id] for r in page.reports.all() if r.page_id in linked],
        }
        for page in pages
    ]


def report_records(pages, request):
    linked = _links(
        [link.tool for page in pages for link in page.tools.all()]
        + [link.project for page in pages for link in page.related_projects.all()],
        request,
    )
    labels = dict(ReportKind.choices)
    return [
        {
            **_topic(page, request),
            "art": page.kind,
            "art_name": str(labels.get(page.kind, page.kind)),
            "jahr": page.year,
            "herausgeber": page.publisher,
            "zentrale_ergebnisse_html": expand_db_html(page.key_findings),
            "datei": absolute_url(request, page.report_file.url) if page.report_file else None,
            "werkzeuge": [linked[t.tool_id] for t in page.tools.all() if t.tool_id in linked],
            "projekte": [
                linked[p.project_id] for p in page.related_projects.all() if p.project_id in linked
            ],
        }
        for page in pages
    ]


def table(page):
    """The data report's table as the page publishes it: withheld cells null, never the raw value."""
    publication = page.publication()

    def row(item):
        return {
            "schluessel": item.code,
            "name": item.name,
            "werte": {key: cell.published_value for key, cell in item.cells.items()},
            "geschuetzt": [key for key, cell in item.cells.items() if cell.suppressed],
        }

    return {
        "schwelle": publication.threshold,
        "geschuetzte_werte": publication.suppressed,
        "kennzahlen": [
            {
                "schluessel": indicator["key"],
                "name": indicator["label"],
                "einheit": indicator["unit"],
                "personenzahl": indicator["kind"] == COUNT,
            }
            for indicator in publication.indicators
        ],
        "gebiete": [row(item) for item in publication.rows],
        "gesamt": row(publication.whole),
        "gesamt_berechnet": publication.whole_computed,
    }


def data_report_records(pages, request, with_table=False):
    records = []
    for page in pages:
        url = page.get_url(request)
        record = {
            **_topic(page, request),
            "stichtag": _date(page.reference_date),
            "quelle": page.source,
            "hinweise_html": expand_db_html(page.notes),
            "downloads": {
                "csv": absolute_url(request, url + page.reverse_subpage("csv")),
                "xlsx": absolute_url(request, url + page.reverse_subpage("xlsx")),
            },
        }
        if with_table:
            record["tabelle"] = table(page)
        records.append(record)
    return records


# --- views --------------------------------------------------------------------------------


def _endpoints(filters, queryset, records, detail_records=None):
    """The list and the detail view of one kind of page (read-only, private to proxies): the
    list filtered and paged by jsonapi, the detail the one page the visitor may see."""
    detail_records = detail_records or records

    @read_only
    @private
    def listing(request):
        return jsonapi.filtered_page(
            request,
            filters,
            lambda values: queryset(request, values),
            lambda pages: records(pages, request),
        )

    @read_only
    @private
    def detail(request, pk):
        return jsonapi.one(
            queryset(request, {}).filter(pk=pk),
            lambda pages: detail_records(pages, request),
            _("Diese Seite gibt es nicht oder Sie dürfen sie nicht sehen."),
        )

    return listing, detail


projects, project = _endpoints(PROJECT_FILTERS, _projects, project_records)
reports, report = _endpoints(REPORT_FILTERS, _reports, report_records)
data_reports, data_report = _endpoints(
    DATA_REPORT_FILTERS,
    _data_reports,
    data_report_records,
    lambda pages, request: data_report_records(pages, request, with_table=True),
)


# --- OpenAPI (added to /api/v1/schema/ through the openapi_paths hook) --------------------

TEXT = {"type": "string"}
NULLABLE_TEXT = {"type": ["string", "null"]}
DATE = {"type": ["string", "null"], "format": "date"}
TERMS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["slug", "name"],
        "properties": {"slug": TEXT, "name": TEXT},
    },
}
TOPIC_PROPERTIES = {
    "id": {"type": "integer"},
    "titel": TEXT,
    "url": {"type": "string", "format": "uri"},
    "zusammenfassung": TEXT,
    "region": jsonapi.REGION_SCHEMA,
    "handlungsfelder": TERMS,
    "zielgruppen": TERMS,
    "schlagworte": {"type": "array", "items": TEXT},
    "zuletzt_geaendert": {"type": ["string", "null"], "format": "date-time"},
}


def _record(properties, extra_required=()):
    every = {**TOPIC_PROPERTIES, **properties}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name in every if name not in ("tabelle",)] + list(extra_required),
        "properties": every,
    }


def openapi_paths():
    """The three kinds as `_list`/`_detail` answer (no database access: read by the
    OpenAPI hook and by the filter validation)."""
    project_schema = _record(
        {
            "status": {"type": "string", "enum": list(Status.values)},
            "status_name": TEXT,
            "beginn": DATE,
            "ende": DATE,
            "jahre": {"type": "array", "items": {"type": "integer"}},
            "foerderprogramm": TEXT,
            "praxisbeispiel": {"type": "boolean"},
            "qualitaet": {"type": ["string", "null"], "enum": [*QualityStatus.values, None]},
            "beteiligungsformate": {"type": "array", "items": TEXT},
            "ergebnisse_html": {"type": "string", "description": "Rich Text (HTML)"},
            "phasen": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["titel", "beginn", "ende", "status"],
                    "properties": {
                        "titel": TEXT,
                        "beginn": DATE,
                        "ende": DATE,
                        "status": {"type": "string", "enum": list(Status.values)},
                    },
                },
            },
            "werkzeuge": jsonapi.LINKS_SCHEMA,
            "berichte": jsonapi.LINKS_SCHEMA,
        }
    )
    report_schema = _record(
        {
            "art": {"type": "string", "enum": list(ReportKind.values)},
            "art_name": TEXT,
            "jahr": {"type": ["integer", "null"]},
            "herausgeber": TEXT,
            "zentrale_ergebnisse_html": {"type": "string", "description": "Rich Text (HTML)"},
            "datei": {"type": ["string", "null"], "description": "Adresse der Berichtsdatei"},
            "werkzeuge": jsonapi.LINKS_SCHEMA,
            "projekte": jsonapi.LINKS_SCHEMA,
        }
    )
    row = {
        "type": "object",
        "required": ["schluessel", "name", "werte", "geschuetzt"],
        "properties": {
            "schluessel": TEXT,
            "name": TEXT,
            "werte": {
                "type": "object",
                "additionalProperties": {"type": ["number", "null"]},
                "description": "Kennzahl -> Wert; null: geschützt oder keine Angabe",
            },
            "geschuetzt": {
                "type": "array",
                "items": TEXT,
                "description": "Kennzahlen, deren Wert wegen kleiner Fallzahlen nicht "
                "veröffentlicht wird (auch zweite Sperrung gegen Zurückrechnen)",
            },
        },
    }
    data_properties = {
        "stichtag": DATE,
        "quelle": TEXT,
        "hinweise_html": {"type": "string", "description": "Rich Text (HTML)"},
        "downloads": {
            "type": "object",
            "required": ["csv", "xlsx"],
            "properties": {"csv": TEXT, "xlsx": TEXT},
        },
        "tabelle": {
            "type": "object",
            "required": ["schwelle", "geschuetzte_werte", "kennzahlen", "gebiete", "gesamt"],
            "properties": {
                "schwelle": {"type": "integer", "minimum": 0},
                "geschuetzte_werte": {"type": "integer", "minimum": 0},
                "kennzahlen": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["schluessel", "name", "einheit", "personenzahl"],
                        "properties": {
                            "schluessel": TEXT,
                            "name": TEXT,
                            "einheit": TEXT,
                            "personenzahl": {"type": "boolean"},
                        },
                    },
                },
                "gebiete": {"type": "array", "items": row},
                "gesamt": row,
                "gesamt_berechnet": {"type": "boolean"},
            },
        },
    }
    data_list_item = _record({k: v for k, v in data_properties.items() if k != "tabelle"})
    data_item = _record(data_properties, extra_required=("tabelle",))
    who = " (öffentliche Seiten; angemeldete Mitglieder auch die für Mitglieder)"
    return {
        **jsonapi.list_and_detail(
            "/api/v1/projekte/", "projects", "Projekte", project_schema, PROJECT_FILTERS, who=who
        ),
        **jsonapi.list_and_detail(
            "/api/v1/berichte/", "reports", "Berichte", report_schema, REPORT_FILTERS, who=who
        ),
        **jsonapi.list_and_detail(
            "/api/v1/datenberichte/",
            "data_reports",
            "Datenberichte (nur veröffentlichte Werte, kleine Fallzahlen geschützt)",
            data_item,
            DATA_REPORT_FILTERS,
            list_item=data_list_item,
            who=who,
        ),
    }
