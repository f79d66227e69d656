"""What projects, reports and data reports share: region, summary, action fields, target groups."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from network.scoped_forms import ScopedPageForm


class TopicPage(Page):
    """Abstract base: every page of the projects section sits in a region and on action fields."""

    region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name=_("Kommune oder Region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(class)s_pages",
        help_text=_("Die genaueste passende Region (Gemeinde, Kreis oder Land)."),
    )
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    action_fields = ParentalManyToManyField(
        "taxonomy.ActionField",
        verbose_name=_("Handlungsfelder"),
        blank=True,
        related_name="%(class)s_pages",
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup",
        verbose_name=_("Zielgruppen"),
        blank=True,
        related_name="%(class)s_pages",
    )

    topic_panels = [
        MultiFieldPanel(
            [
                FieldPanel("action_fields", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Einordnung"),
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("region"),
    ]

    # Contact rows and working groups offer an editor only their municipality's rows.
    base_form_class = ScopedPageForm

    class Meta:
        abstract = True

    @property
    def region_label(self):
        return self.region.label if self.region_id else ""

    def tag_names(self):
        return sorted(tag.name for tag in self.tags.all())


class ToolLink(Orderable):
    """A catalogue tool (Werkzeug) a project or report points at; subclasses add the ParentalKey."""

    tool = models.ForeignKey(
        "catalogue.ToolPage",
        verbose_name=_("Werkzeug"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("tool", page_type="catalogue.ToolPage")]

    class Meta(Orderable.Meta):
        abstract = True
