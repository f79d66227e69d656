"""The section page /projekte/: lists projects, reports and data reports with GET filters."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from werkstatt.visibility import viewable

from .data import DataReportPage
from .projects import ProjectPage, Status
from .reports import ReportPage

KINDS = {
    "projekt": (_("Projekte"), ProjectPage),
    "bericht": (_("Berichte"), ReportPage),
    "datenbericht": (_("Datenberichte"), DataReportPage),
}


class ProjectIndexPage(Page):
    """Projekte und Berichte: one listing for everything below it, filterable without script."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["werkstatt.HomePage"]
    subpage_types = [
        "projects.MunicipalityFolderPage",
        "projects.ProjectPage",
        "projects.ReportPage",
        "projects.DataReportPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Projekte und Berichte (Bereich)")

    def entries(self, request, kind="", action_field="", status=""):
        """Live pages (also in the municipalities' folders) of the chosen kind, action field and
        project status, newest first, without those the visitor may not open."""
        kinds = [kind] if kind in KINDS else list(KINDS)
        if status in Status.values:
            kinds = [k for k in kinds if k == "projekt"]
        found = []
        for key in kinds:
            model = KINDS[key][1]
            qs = viewable(
                model.objects.descendant_of(self).live().select_related("region"), request
            )
            if action_field:
                qs = qs.filter(action_fields__slug=action_field).distinct()
            if key == "projekt" and status in Status.values:
                qs = qs.filter(status=status)
            for page in qs.prefetch_related("action_fields"):
                page.kind_key, page.kind_label = key, KINDS[key][0]
                found.append(page)
        found.sort(
            key=lambda p: p.first_published_at.timestamp() if p.first_published_at else 0,
            reverse=True,
        )
        return found

    def get_context(self, request, *args, **kwargs):
        from taxonomy.models import ActionField

        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("art", "")
        action_field = request.GET.get("handlungsfeld", "")
        status = request.GET.get("status", "")
        fields = list(ActionField.objects.all())
        kind = kind if kind in KINDS else ""
        action_field = action_field if action_field in {f.slug for f in fields} else ""
        status = status if status in Status.values else ""
        context.update(
            entries=self.entries(request, kind, action_field, status),
            kinds=[(key, label) for key, (label, _model) in KINDS.items()],
            action_fields=fields,
            statuses=Status.choices,
            selected={"art": kind, "handlungsfeld": action_field, "status": status},
            filtered=bool(kind or action_field or status),
        )
        return context
