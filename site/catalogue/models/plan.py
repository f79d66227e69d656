"""The Werkstattplan of a municipality: per action field what, who, where, with whom and when."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from werkstatt.spreadsheets import fold
from werkstatt.visibility import viewable

from .progress import progress_chart
from .tool import ToolPage, WrittenYears


class WorkshopPlanPage(RoutablePageMixin, Page):
    """Werkstattplan (Merkblatt Werkstattplan): long-term plan in yearly steps, downloadable."""

    region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name=_("Kommune / Region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link", "ul"])
    start_year = models.PositiveIntegerField(_("Erstes Jahr"), default=2017)
    end_year = models.PositiveIntegerField(_("Letztes Jahr"), default=2020)
    catalogue = models.ForeignKey(
        "catalogue.CatalogueIndexPage",
        verbose_name=_("Zugehöriger Werkzeugkatalog"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("region"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        FieldPanel("catalogue"),
        InlinePanel("rows", label=_("Handlungsfeld"), heading=_("Handlungsfelder im Plan")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["catalogue.CatalogueSectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Werkstattplan")
        verbose_name_plural = _("Werkstattpläne")

    def clean(self):
        super().clean()
        if self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Das letzte Jahr liegt vor dem ersten.")})
        if self.end_year - self.start_year > 15:
            raise ValidationError({"end_year": _("Ein Werkstattplan umfasst höchstens 16 Jahre.")})

    @property
    def plan_years(self):
        return list(range(self.start_year, self.end_year + 1))

    def table_rows(self):
        """Rows with a True/False mark per plan year, for the template and the downloads."""
        years = self.plan_years
        rows = []
        for row in self.rows.select_related("action_field"):
            marked = set(row.year_list)
            rows.append({"row": row, "marks": [(year, year in marked) for year in years]})
        return rows

    def tool_pages_by_name(self):
        """Live tool pages by folded title, so a plan line that names a tool links to it.

        The plan's own catalogue wins over tools of the same name elsewhere.
        """
        tools = ToolPage.objects.live().public().order_by("-path")
        if self.catalogue_id:
            own = ToolPage.objects.live().public().descendant_of(self.catalogue)
            tools = list(tools.exclude(pk__in=own.values("pk"))) + list(own)
        return {fold(tool.title): tool for tool in tools}

    def _download(self, extension):
        from werkstatt.spreadsheets import spreadsheet_response

        from ..exports import plan_frame

        name = f"werkstattplan-{slugify(self.slug or self.title)}"
        return spreadsheet_response(plan_frame(self), extension, name, sheet_name="Werkstattplan")

    def linked_tool_rows(self, request=None):
        """row pk -> [(tool, [(year, progress entry or None)])] for the tools a row links,
        without tools that are not live or that the visitor may not open."""
        links = list(
            PlanRowTool.objects.filter(row__plan=self, tool__live=True)
            .select_related("tool")
            .prefetch_related("tool__progress")
            .order_by("row_id", "sort_order")
        )
        tools = [link.tool for link in links]
        allowed = {t.pk for t in (viewable(tools, request) if request is not None else tools)}
        years = self.plan_years
        result = {}
        for link in links:
            if link.tool_id in allowed:
                result.setdefault(link.row_id, []).append(
                    (link.tool, link.tool.progress_row(years))
                )
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = self.table_rows()
        linked = self.tool_pages_by_name()
        progress = self.linked_tool_rows(request)
        for item in rows:
            item["tools"] = [(name, linked.get(fold(name))) for name in item["row"].tool_list]
            item["linked"] = progress.get(item["row"].pk, [])
        context["rows"] = rows
        unique = {
            tool.pk: (tool, cells)
            for cells_of_row in progress.values()
            for tool, cells in cells_of_row
        }
        context["chart"] = progress_chart(list(unique.values()), self.plan_years)
        return context

    @path("")
    def plan(self, request):
        return self.render(request)

    @path("csv/", name="plan_csv")
    def download_csv(self, request):
        return self._download("csv")

    @path("xlsx/", name="plan_xlsx")
    def download_xlsx(self, request):
        return self._download("xlsx")


class PlanRow(WrittenYears, Orderable, ClusterableModel):
    """One action field of the plan: description, tools, responsible person, place, participants, years.

    `tool_links` are the catalogue tools the row plans (chosen in the editor or named by title
    or ID in the plan import); `tools` keeps further steps that are not catalogue tools.
    """

    plan = ParentalKey(WorkshopPlanPage, related_name="rows", on_delete=models.CASCADE)
    title = models.CharField(_("Handlungsfeld (wie im Plan benannt)"), max_length=200)
    action_field = models.ForeignKey(
        "taxonomy.ActionField",
        verbose_name=_("Handlungsfeld (Vokabular)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("Beschreibung des Handlungsfelds"), blank=True)
    tools = models.TextField(
        _("Weitere Schritte (ohne Werkzeugseite)"),
        blank=True,
        help_text=_("Ein Schritt pro Zeile; Werkzeuge des Katalogs bitte oben auswählen."),
    )
    responsible = models.CharField(
        _("Ansprechperson des Handlungsfelds"), max_length=255, blank=True
    )
    place = models.CharField(_("Umsetzungsort"), max_length=255, blank=True)
    participants = models.TextField(_("Beteiligte"), blank=True)
    years = models.CharField(
        _("Jahre"), max_length=255, blank=True, help_text=_("z. B. 2017;2018 oder 2017-2020")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("action_field"),
        FieldPanel("description"),
        InlinePanel(
            "tool_links",
            label=_("Werkzeug"),
            heading=_("Geplante Werkzeuge"),
            help_text=_(
                "Den Stand dieser Werkzeuge je Jahr tragen Sie oben unter „Zwischenbilanz "
                "bearbeiten“ ein (oder im Werkzeug selbst)."
            ),
        ),
        FieldPanel("tools"),
        FieldPanel("responsible"),
        FieldPanel("place"),
        FieldPanel("participants"),
        FieldPanel("years"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Zeile des Werkstattplans")
        verbose_name_plural = _("Zeilen des Werkstattplans")

    def clean(self):
        self.clean_years()

    @property
    def year_list(self):
        return self.written_years

    @property
    def tool_list(self):
        return [line.strip(" •-\t") for line in self.tools.splitlines() if line.strip(" •-\t")]

    @property
    def linked_tools(self):
        return [link.tool for link in self.tool_links.all() if link.tool_id]


class PlanRowTool(Orderable):
    """A catalogue tool planned in one row of a Werkstattplan."""

    row = ParentalKey(PlanRow, related_name="tool_links", on_delete=models.CASCADE)
    tool = models.ForeignKey(
        ToolPage,
        verbose_name=_("Werkzeug"),
        on_delete=models.CASCADE,
        related_name="plan_links",
    )

    panels = [FieldPanel("tool")]

    class Meta(Orderable.Meta):
        verbose_name = _("Geplantes Werkzeug")
        verbose_name_plural = _("Geplante Werkzeuge")
