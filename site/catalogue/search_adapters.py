"""How the catalogue is found: tools as 'werkzeug', future visions as 'zukunftsbild', single
measures of tool sheets as 'massnahme', Werkstattpläne as 'werkstattplan' (live pages only)."""

import datetime

from django.db.models import Prefetch
from django.utils.html import strip_tags

from search.attachments import with_attachments
from search.contract import YEAR
from search.registry import Adapter, IndexDocument, register
from werkstatt.blocks import stream_text

from .models import FutureVision, Measure, PlanRowTool, ToolPage, WorkshopPlanPage
from .models.progress import current_state


class ToolAdapter(Adapter):
    model = ToolPage

    def get_queryset(self):
        return self.batch_queryset(ToolPage).live()

    def batch_queryset(self, model):
        return model._default_manager.select_related(
            "primary_action_field", "location_region", "evaluation_document__collection"
        ).prefetch_related(
            "further_action_fields", "target_groups", "tagged_items__tag", "progress"
        )

    def dependents(self, pks):
        """The Werkstattpläne that plan these tools: their text names the tools' titles (and
        leaves out tools the public may not open), so a renamed, unpublished or restricted
        tool renews them."""
        return WorkshopPlanPage.objects.filter(rows__tool_links__tool_id__in=pks).distinct()

    def to_document(self, tool):
        if not tool.live:
            return None
        region = tool.effective_region
        years = tool.year_list
        facets = {
            "handlungsfeld": [f.slug for f in tool.action_fields],
            "zielgruppe": [g.slug for g in tool.target_groups.all()],
            "status": [tool.status],
            "schlagwort": sorted(item.tag.name for item in tool.tagged_items.all()),
            "jahr": [str(y) for y in years],
        }
        if region is not None:
            facets["region"] = [region.code]
        state = current_state(tool.progress.all())
        if state:
            facets["fortschritt"] = [state]
        if tool.quality_status:
            facets["qualitaet"] = [tool.quality_status]
        body = "\n".join(
            part
            for part in (
                stream_text(tool.body),
                tool.location_text,
                tool.partners,
                tool.transferability,
                tool.remarks,
            )
            if part
        )
        evaluation = tool.evaluation_document
        body = with_attachments(body, [(evaluation.title, evaluation)] if evaluation else [])
        return IndexDocument(
            kind="werkzeug",
            title=tool.title,
            url=tool.url or "",
            summary=tool.summary,
            body=body,
            # The content's date: the first year the tool was used (not the page's publication).
            date=datetime.date(years[0], 1, 1) if years else None,
            date_precision=YEAR,
            facets=facets,
        )


class FutureVisionAdapter(Adapter):
    model = FutureVision
    page_field = "catalogue"

    def get_queryset(self):
        return FutureVision.objects.select_related("catalogue", "action_field")

    def to_document(self, vision):
        catalogue = vision.catalogue
        if catalogue is None or not catalogue.live:
            return None
        text = strip_tags(vision.text or "").strip()
        facets = {"handlungsfeld": [vision.action_field.slug]}
        if catalogue.owner_region_id:
            facets["region"] = [catalogue.owner_region.code]
        return IndexDocument(
            kind="zukunftsbild",
            title=f"Zukunftsbild {vision.action_field.name}: {catalogue.title}",
            url=f"{catalogue.url}#af-{vision.action_field.slug}-title" if catalogue.url else "",
            summary=text[:300],
            body=text,
            facets=facets,
        )


class MeasureAdapter(Adapter):
    """An Einzelmaßnahme: its own year, months, budget band, external advice and target groups;
    action fields and region of its tool. Findable while its tool is live and viewable."""

    model = Measure
    page_field = "tool"

    def get_queryset(self):
        return Measure.objects.filter(tool__live=True).select_related(
            "tool", "tool__primary_action_field", "tool__location_region"
        )

    def to_document(self, measure):
        tool = measure.tool
        if tool is None or not tool.live:
            return None
        facets = {
            "handlungsfeld": [f.slug for f in tool.action_fields],
            "zielgruppe": measure.target_group_list,
            "jahr": [str(measure.year)],
            "monat": [str(m) for m in measure.month_list],
            "beratung": ["ja" if measure.external_advice else "nein"],
        }
        if measure.budget_band:
            facets["budget"] = [measure.budget_band]
        region = tool.effective_region
        if region is not None:
            facets["region"] = [region.code]
        summary = f"Werkzeugblatt {measure.year} · {tool.title}"
        if measure.budget is not None:
            amount = f"{measure.budget:,.0f}".replace(",", ".")
            summary += f" · Budget {amount} €"
        return IndexDocument(
            kind="massnahme",
            title=measure.title,
            url=f"{tool.url}#sheet-{measure.year}" if tool.url else "",
            summary=summary,
            body=tool.summary,
            facets=facets,
        )


class WorkshopPlanAdapter(Adapter):
    """A Werkstattplan: per row its action field, description, planned tools, further steps,
    place, participants and years; the plan's region and period. The row's Ansprechperson is
    left out (a name is personal data, as in the API and the open data), and so are linked
    tools a visitor could not open (a restricted tool's title must not surface in a public
    plan's text)."""

    model = WorkshopPlanPage

    def get_queryset(self):
        return self.batch_queryset(WorkshopPlanPage).live()

    def batch_queryset(self, model):
        open_tools = PlanRowTool.objects.filter(
            tool__in=ToolPage.objects.live().public()
        ).select_related("tool")
        return model._default_manager.select_related("region").prefetch_related(
            "rows__action_field", Prefetch("rows__tool_links", queryset=open_tools)
        )

    def to_document(self, plan):
        if not plan.live:
            return None
        rows = list(plan.rows.all())
        fields = [row.action_field.slug for row in rows if row.action_field_id]
        lines = []
        for row in rows:
            tools = [link.tool.title for link in row.tool_links.all()]
            years = ", ".join(str(year) for year in row.year_list)
            lines += [row.title, row.description, *tools, *row.tool_list]
            lines += [row.place, row.participants, years]
        facets = {
            "handlungsfeld": list(dict.fromkeys(fields)),
            "jahr": [str(year) for year in plan.plan_years],
        }
        if plan.region_id:
            facets["region"] = [plan.region.code]
        period = f"{plan.start_year}–{plan.end_year}"
        intro = strip_tags(plan.intro or "").strip()
        return IndexDocument(
            kind="werkstattplan",
            title=plan.title,
            url=plan.url or "",
            summary=f"Werkstattplan {period}" + (f" · {intro}" if intro else ""),
            body="\n".join(line for line in (intro, *lines) if line),
            # The plan's first year; it has no day.
            date=datetime.date(plan.start_year, 1, 1),
            date_precision=YEAR,
            facets=facets,
        )


def register_all():
    register(ToolAdapter())
    register(FutureVisionAdapter())
    register(MeasureAdapter())
    register(WorkshopPlanAdapter())
