"""How projects, reports and data reports appear in search (kinds projekt, bericht, datenbericht).

The text of a report's file and of a project's documents and evaluation report is part of the
page's search text (search.attachments). Data reports are indexed with their areas and
indicator names but never with their figures, and their data table is no attachment, so
small-cell protection cannot be bypassed through the search index.
"""

import datetime

from django.utils.html import strip_tags

from search.attachments import with_attachments
from search.contract import DAY, YEAR
from search.registry import Adapter, IndexDocument, register
from werkstatt.blocks import stream_text

from .models import DataReportPage, ProjectPage, ReportPage


def _text(*parts):
    return "\n".join(strip_tags(str(p)) for p in parts if p)


def _facets(page, years):
    facets = {
        "handlungsfeld": sorted({f.slug for f in page.action_fields.all()}),
        "region": [page.region.code] if page.region_id else [],
        "zielgruppe": sorted({g.slug for g in page.target_groups.all()}),
        "schlagwort": page.tag_names(),
        "jahr": [str(y) for y in years if y],
    }
    return {name: values for name, values in facets.items() if values}


class PageAdapter(Adapter):
    kind = ""

    def get_queryset(self):
        return self.model.objects.live().select_related("region")

    def to_document(self, page):
        if not page.live:
            return None
        facets = _facets(page, self.years(page))
        if getattr(page, "quality_status", ""):
            facets["qualitaet"] = [page.quality_status]
        return IndexDocument(
            kind=self.kind,
            title=page.title,
            url=page.get_url() or page.url_path,
            summary=page.summary,
            body=self.body(page),
            date=self.date(page),
            date_precision=self.date_precision,
            facets=facets,
        )

    def body(self, page):
        return ""

    date_precision = DAY

    def date(self, page):
        """The date of the content (each kind says which), never the page's publication."""
        return None

    def years(self, page):
        return []


class ProjectAdapter(PageAdapter):
    model = ProjectPage
    kind = "projekt"

    def body(self, page):
        phases = [_text(p.title, p.description) for p in page.phases.all()]
        groups = [_text(g.name, g.description) for g in page.working_groups.all()]
        text = _text(
            page.funding_programme,
            stream_text(page.body),
            *phases,
            *groups,
            ", ".join(page.participation_labels()),
            page.results,
        )
        documents = [(d.label, d.document) for d in page.documents.select_related("document")]
        if page.evaluation_document_id:
            documents.append((page.evaluation_document.title, page.evaluation_document))
        return with_attachments(text, documents)

    # The page shows a project's period in years („seit 2015“), and editors often know only the
    # year: a hit must not claim a day („1. Januar 2015“) the content does not state.
    date_precision = YEAR

    def date(self, page):
        return page.period_start  # the project's start

    def years(self, page):
        return page.years

    def to_document(self, page):
        document = super().to_document(page)
        if document is not None:
            fields = set(document.facets.get("handlungsfeld", []))
            fields |= {g.action_field.slug for g in page.working_groups.all() if g.action_field_id}
            if fields:
                document.facets["handlungsfeld"] = sorted(fields)
        return document


class ReportAdapter(PageAdapter):
    model = ReportPage
    kind = "bericht"

    def body(self, page):
        text = _text(page.get_kind_display(), page.publisher, page.key_findings)
        file = page.report_file
        return with_attachments(text, [(file.title, file)] if file is not None else [])

    date_precision = YEAR

    def date(self, page):
        return datetime.date(page.year, 1, 1) if page.year else None  # year of publication

    def years(self, page):
        return [page.year]


class DataReportAdapter(PageAdapter):
    model = DataReportPage
    kind = "datenbericht"

    def body(self, page):
        indicators = [i["label"] for i in (page.data or {}).get("indicators", [])]
        return _text(page.source, page.notes, ", ".join(indicators), ", ".join(page.area_names()))

    def date(self, page):
        return page.reference_date  # the data's reference date

    def years(self, page):
        return [page.reference_date.year] if page.reference_date else []


def register_all():
    for adapter in (ProjectAdapter(), ReportAdapter(), DataReportAdapter()):
        register(adapter)
