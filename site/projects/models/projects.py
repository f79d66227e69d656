"""Projects (case studies and processes) with phases, working groups, documents, contacts and tools."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from catalogue.models import QualityMixin
from werkstatt.blocks import BodyBlock

from ..fields import MultipleChoiceJSONField
from .base import ToolLink, TopicPage

RICH_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class Status(models.TextChoices):
    PLANNED = "geplant", _("geplant")
    RUNNING = "laufend", _("laufend")
    FINISHED = "abgeschlossen", _("abgeschlossen")


PARTICIPATION_FORMATS = [
    ("workshop", _("Workshop")),
    ("befragung-online", _("Befragung online")),
    ("befragung-offline", _("Befragung offline")),
    ("zukunftswerkstatt", _("Zukunftswerkstatt")),
    ("dialogformat", _("Dialogformat")),
    ("expertenkonferenz", _("Expertenkonferenz")),
    ("buergerversammlung", _("Bürgerversammlung")),
    ("arbeitsgruppe", _("Arbeitsgruppen")),
    ("stadtteilbegehung", _("Stadtteilbegehung")),
    ("beirat", _("Beirat")),
]


class ProjectPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "projects.ProjectPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ProjectPage(QualityMixin, TopicPage):
    """A Projekt or Fallbeispiel: how a municipality went about something, step by step."""

    funding_programme = models.CharField(_("Förderprogramm"), max_length=200, blank=True)
    period_start = models.DateField(_("Beginn"), null=True, blank=True)
    period_end = models.DateField(_("Ende"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    body = StreamField(BodyBlock(), verbose_name=_("Beschreibung"), blank=True)
    participation_formats = MultipleChoiceJSONField(
        _("Beteiligungsformate"), choices_list=PARTICIPATION_FORMATS
    )
    results = RichTextField(_("Ergebnisse"), blank=True, features=RICH_FEATURES)
    good_practice = models.BooleanField(
        _("Gute Praxis"),
        default=False,
        help_text=_("Als Praxisbeispiel zur Nachahmung hervorheben."),
    )
    tags = ClusterTaggableManager(
        through=ProjectPageTag, blank=True, verbose_name=_("Schlagwörter")
    )

    content_panels = TopicPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("funding_programme"),
                FieldPanel("period_start"),
                FieldPanel("period_end"),
                FieldPanel("status"),
                FieldPanel("good_practice"),
            ],
            heading=_("Rahmen"),
        ),
        FieldPanel("body"),
        InlinePanel("phases", label=_("Phasen"), heading=_("Ablauf in Phasen")),
        InlinePanel("working_groups", label=_("Arbeitsgruppe"), heading=_("Arbeitsgruppen")),
        FieldPanel("participation_formats"),
        FieldPanel("results"),
        InlinePanel("documents", label=_("Dokument"), heading=_("Dokumente")),
        InlinePanel("contacts", label=_("Ansprechperson"), heading=_("Ansprechpersonen")),
        InlinePanel("tools", label=_("Werkzeug"), heading=_("Eingesetzte Werkzeuge")),
        *QualityMixin.quality_panels,
        *TopicPage.topic_panels,
    ]
    search_fields = TopicPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("results"),
        index.SearchField("funding_programme"),
        index.FilterField("status"),
        index.FilterField("good_practice"),
    ]
    parent_page_types = ["projects.ProjectIndexPage", "projects.MunicipalityFolderPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")

    def clean(self):
        super().clean()
        self.clean_quality()

    @property
    def period_label(self):
        start = self.period_start.year if self.period_start else None
        end = self.period_end.year if self.period_end else None
        if start and end:
            return str(start) if start == end else f"{start}–{end}"
        if start:
            return _("seit %(year)s") % {"year": start}
        return str(end or "")

    @property
    def years(self):
        """Every calendar year the project ran in (for the `jahr` facet)."""
        start = self.period_start.year if self.period_start else None
        end = self.period_end.year if self.period_end else start
        if not start:
            return [end] if end else []
        return list(range(start, max(start, end) + 1))

    def participation_labels(self):
        return self._meta.get_field("participation_formats").labels(self.participation_formats)

    def get_context(self, request, *args, **kwargs):
        """The page's lists with what each row shows, one query per list (no query per row)."""
        context = super().get_context(request, *args, **kwargs)
        context["project_groups"] = self.working_groups.select_related("action_field", "body")
        context["project_documents"] = self.documents.select_related("document")
        context["project_reports"] = self.reports.select_related("page")
        context["project_contacts"] = self.contacts.select_related("person__organisation")
        context["project_tools"] = self.tools.select_related("tool")
        return context


class ProjectPhase(Orderable):
    """One step of a process; shown in order as a timeline."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(_("Titel"), max_length=200)
    start = models.DateField(_("Beginn"), null=True, blank=True)
    end = models.DateField(_("Ende"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    description = RichTextField(_("Beschreibung"), blank=True, features=RICH_FEATURES)

    panels = [
        FieldPanel("title"),
        FieldPanel("start"),
        FieldPanel("end"),
        FieldPanel("status"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Phase")
        verbose_name_plural = _("Phasen")

    def __str__(self):
        return self.title


class WorkingGroup(Orderable):
    """An Arbeitsgruppe of the project, optionally on one action field."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(_("Name"), max_length=200)
    action_field = models.ForeignKey(
        "taxonomy.ActionField",
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    body = models.ForeignKey(
        "network.Body",
        verbose_name=_("Gremium im Netzwerk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: die Arbeitsgruppe als Gremium im Netzwerkverzeichnis."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("action_field"),
        FieldPanel("description"),
        FieldPanel("body"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Arbeitsgruppe")
        verbose_name_plural = _("Arbeitsgruppen")

    def __str__(self):
        return self.name


class ProjectDocument(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Dokument"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("Linktext"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self):
        return self.title or self.document.title


class ProjectTool(ToolLink):
    """A tool of a catalogue (Werkzeugkatalog) that the project used."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="tools")


class ProjectContact(Orderable):
    """An Ansprechperson of the project; shown only as far as the person's visibility allows."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        "network.Person",
        verbose_name=_("Person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("Rolle im Projekt"), max_length=200, blank=True)

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
