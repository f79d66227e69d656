"""Data reports (Kommunalprofil, Datencheck): a table per area with charts and downloads."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from werkstatt.spreadsheets import fold, spreadsheet_response

from ..datareports.charts import bar_chart
from ..datareports.importer import COUNT, import_file
from ..datareports.publication import DEFAULT_THRESHOLD, publish, sort_rows, to_frame
from ..datareports.storage import make_private
from .base import TopicPage

SORT_PARAM, DIRECTION_PARAM = "sortierung", "richtung"


class DataReportPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "projects.DataReportPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class DataReportPage(RoutablePageMixin, TopicPage):
    """Small-area figures of a municipality, uploaded as csv/xlsx and validated before storing."""

    reference_date = models.DateField(_("Stichtag"), null=True, blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    notes = RichTextField(
        _("Hinweise zur Auswertung"), blank=True, features=["bold", "italic", "ul", "link"]
    )
    data_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Datentabelle (xlsx oder csv)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Eine Zeile je Gebiet (Schlüssel oder Name des Ortsteils), eine Spalte je Kennzahl. "
            "Die Datei wird beim Speichern geprüft; bei Fehlern wird nichts übernommen. "
            "Sie wird in die Sammlung „Datentabellen (nur Redaktion)“ verschoben."
        ),
    )
    threshold = models.PositiveSmallIntegerField(
        _("Schwelle für kleine Fallzahlen"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(1)],
        help_text=_("Personenzahlen unter diesem Wert werden nie veröffentlicht."),
    )
    chart_indicators = models.CharField(
        _("Kennzahlen mit Diagramm"),
        max_length=500,
        blank=True,
        help_text=_(
            "Spaltennamen, durch Semikolon getrennt. Leer: ein Diagramm je Kennzahl außer Personenzahlen."
        ),
    )
    data = models.JSONField(_("Daten"), default=dict, blank=True)
    tags = ClusterTaggableManager(
        through=DataReportPageTag, blank=True, verbose_name=_("Schlagwörter")
    )

    content_panels = TopicPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("reference_date"),
                FieldPanel("source"),
                FieldPanel("data_file"),
                FieldPanel("threshold"),
                FieldPanel("chart_indicators"),
            ],
            heading=_("Daten"),
        ),
        FieldPanel("notes"),
        *TopicPage.topic_panels,
    ]
    # The figures are deliberately not indexed: only titles, summary and area names are searchable.
    search_fields = TopicPage.search_fields
    parent_page_types = ["projects.ProjectIndexPage", "projects.MunicipalityFolderPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Datenbericht")
        verbose_name_plural = _("Datenberichte")

    # --- import ---------------------------------------------------------------------------

    def _file_signature(self):
        document = self.data_file
        return f"{document.pk}:{document.file.name}:{getattr(document, 'file_hash', '')}"

    def clean(self):
        super().clean()
        if self.data_file_id and (self.data or {}).get("signature") != self._file_signature():
            if not self.region_id:
                raise ValidationError(
                    {"region": _("Für die Datentabelle braucht der Bericht eine Region.")}
                )
            with self.data_file.file.open("rb") as handle:
                outcome = import_file(handle, self.region, filename=self.data_file.file.name)
            # Good or bad, the upload holds raw figures: only editors may open it.
            make_private(self.data_file)
            if not outcome.ok:
                raise ValidationError(
                    {
                        "data_file": [
                            _("Die Datei wurde nicht übernommen (%(count)s Fehler).")
                            % {"count": len(outcome.errors)}
                        ]
                        + [str(error) for error in outcome.errors]
                    }
                )
            self.data = {**outcome.data, "signature": self._file_signature()}
        unknown = [name for name in self.chart_names() if self._indicator_by_name(name) is None]
        if unknown and self.data:
            raise ValidationError(
                {
                    "chart_indicators": _("Unbekannte Kennzahl: %(names)s. Vorhanden: %(known)s.")
                    % {
                        "names": ", ".join(unknown),
                        "known": "; ".join(i["label"] for i in self.data.get("indicators", [])),
                    }
                }
            )

    def chart_names(self):
        return [part.strip() for part in self.chart_indicators.split(";") if part.strip()]

    def _indicator_by_name(self, name):
        return next(
            (
                i
                for i in (self.data or {}).get("indicators", [])
                if fold(name) in (fold(i["label"]), i["key"])
            ),
            None,
        )

    # --- output ---------------------------------------------------------------------------

    def publication(self):
        return publish(self.data or {}, self.threshold)

    def chart_keys(self, publication):
        chosen = [self._indicator_by_name(name) for name in self.chart_names()]
        chosen = [i["key"] for i in chosen if i]
        if chosen:
            return chosen
        return [i["key"] for i in publication.indicators if i["kind"] != COUNT]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        publication = self.publication()
        sort = request.GET.get(SORT_PARAM, "gebiet")
        valid = {"gebiet", "schluessel"} | {i["key"] for i in publication.indicators}
        if sort not in valid:
            sort = "gebiet"
        descending = request.GET.get(DIRECTION_PARAM) == "ab"
        columns = [{"key": "gebiet", "label": _("Gebiet")}] + [
            {"key": i["key"], "label": i["label"], "unit": i["unit"], "indicator": i}
            for i in publication.indicators
        ]
        for column in columns:
            active = column["key"] == sort
            column["aria_sort"] = ("descending" if descending else "ascending") if active else ""
            column["next_direction"] = (
                "auf" if active and descending else ("ab" if active else "auf")
            )
        context.update(
            publication=publication,
            rows=sort_rows(publication, sort, descending),
            columns=columns,
            sort=sort,
            charts=[
                {
                    "indicator": publication.indicator(key),
                    "svg": bar_chart(publication, key, f"diagramm-{key}"),
                    "id": f"diagramm-{key}",
                }
                for key in self.chart_keys(publication)
            ],
        )
        return context

    def _download(self, extension, german_numbers=False):
        frame = self.download_frame(german_numbers=german_numbers)
        return spreadsheet_response(frame, extension, slugify(self.title) or "datenbericht")

    def download_frame(self, german_numbers=False):
        return to_frame(self.publication(), german_numbers=german_numbers)

    @path("download/csv/", name="csv")
    def csv_download(self, request):
        return self._download("csv", german_numbers=True)

    @path("download/xlsx/", name="xlsx")
    def xlsx_download(self, request):
        return self._download("xlsx")

    def area_names(self):
        return [a["name"] for a in (self.data or {}).get("areas", [])]
