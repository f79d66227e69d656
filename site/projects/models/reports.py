"""Published reports: Sozialbericht, Datenbericht, Abschlussbericht, Konzept, documentation."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .base import ToolLink, TopicPage


class ReportKind(models.TextChoices):
    SOCIAL = "sozialbericht", _("Sozialbericht")
    DATA = "datenbericht", _("Demografiebericht / Datenbericht")
    FINAL = "abschlussbericht", _("Abschlussbericht")
    CONCEPT = "konzept", _("Konzept")
    EVENT = "veranstaltungsdokumentation", _("Veranstaltungsdokumentation")
    OTHER = "sonstiges", _("Sonstiges")


class ReportPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "projects.ReportPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ReportPage(TopicPage):
    """A published report; the file itself is a Wagtail document visitors can download."""

    kind = models.CharField(
        _("Art des Berichts"), max_length=40, choices=ReportKind.choices, default=ReportKind.OTHER
    )
    year = models.PositiveSmallIntegerField(_("Jahr"), null=True, blank=True)
    publisher = models.CharField(_("Herausgeber"), max_length=200, blank=True)
    key_findings = RichTextField(
        _("Zentrale Ergebnisse"), blank=True, features=["bold", "italic", "ul", "ol", "link"]
    )
    report_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Berichtsdatei (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=ReportPageTag, blank=True, verbose_name=_("Schlagwörter"))

    content_panels = TopicPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("year"),
                FieldPanel("region"),
                FieldPanel("publisher"),
            ],
            heading=_("Rahmen"),
        ),
        FieldPanel("key_findings"),
        FieldPanel("report_file"),
        InlinePanel("related_projects", label=_("Projekt"), heading=_("Zugehörige Projekte")),
        InlinePanel("tools", label=_("Werkzeug"), heading=_("Zugehörige Werkzeuge")),
        *TopicPage.topic_panels,
    ]
    search_fields = TopicPage.search_fields + [
        index.SearchField("key_findings"),
        index.SearchField("publisher"),
        index.FilterField("kind"),
        index.FilterField("year"),
    ]
    parent_page_types = ["projects.ProjectIndexPage", "projects.MunicipalityFolderPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")

    def get_context(self, request, *args, **kwargs):
        """Linked projects and tools in one query each (no query per link)."""
        context = super().get_context(request, *args, **kwargs)
        context["report_projects"] = self.related_projects.select_related("project")
        context["report_tools"] = self.tools.select_related("tool")
        return context


class ReportProject(Orderable):
    page = ParentalKey(ReportPage, on_delete=models.CASCADE, related_name="related_projects")
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("Projekt"),
        on_delete=models.CASCADE,
        related_name="reports",
    )

    panels = [PageChooserPanel("project", page_type="projects.ProjectPage")]


class ReportTool(ToolLink):
    page = ParentalKey(ReportPage, on_delete=models.CASCADE, related_name="tools")
