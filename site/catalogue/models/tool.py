"""A Werkzeug: a demography measure with status, action fields, budget, tool sheets and good practice."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from network.scoped_forms import ScopedPageForm
from werkstatt.blocks import BodyBlock
from werkstatt.visibility import viewable

from ..blocks import ToolSheetsBlock
from ..usage import uses_of
from .progress import (
    QualityMixin,
    ToolProgress,
    current_state,
    progress_by_year,
    sync_measures,
)


class ToolStatus(models.TextChoices):
    """bestehend (blue) or neu (green); templates always print the word next to the colour."""

    EXISTING = "bestehend", _("bestehend")
    NEW = "neu", _("neu")


YEAR_RANGE = re.compile(r"^(\d{4})-(\d{4})$")


def parse_years(text):
    """'2017;2018' or '2017-2020' (or a mix) -> sorted list of ints; ValueError with a German reason."""
    years = set()
    normalised = re.sub(r"\s*[-–]\s*", "-", str(text or "").strip())
    for part in re.split(r"[;,/\s]+", normalised):
        part = part.strip()
        if not part:
            continue
        match = YEAR_RANGE.match(part)
        if match:
            start, end = int(match.group(1)), int(match.group(2))
            if end < start or end - start > 50:
                raise ValueError(_("Ungültiger Zeitraum „%(part)s“.") % {"part": part})
            years.update(range(start, end + 1))
        elif re.fullmatch(r"\d{4}(\.0)?", part):
            years.add(int(part[:4]))
        else:
            raise ValueError(
                _("„%(part)s“ ist kein Jahr. Erlaubt sind z. B. 2017;2018 oder 2017-2020.")
                % {"part": part}
            )
    if any(y < 1990 or y > 2100 for y in years):
        raise ValueError(_("Jahre müssen zwischen 1990 und 2100 liegen."))
    return sorted(years)


def format_years(years):
    return ";".join(str(y) for y in sorted(years))


class WrittenYears:
    """A `years` text field as editors and spreadsheets write it ('2017;2018', '2017-2020'),
    on tools and plan rows alike: kept in one form, read as a list of years."""

    def clean_years(self):
        try:
            self.years = format_years(parse_years(self.years))
        except ValueError as exc:
            raise ValidationError({"years": str(exc)}) from exc

    @property
    def written_years(self):
        """The years of the field; none while it cannot be read (the form says why)."""
        try:
            return parse_years(self.years)
        except ValueError:
            return []


class ToolPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "catalogue.ToolPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ToolPageForm(ScopedPageForm):
    """One progress entry per year: a second one for the same year is an error, not a guess."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("progress")
        if formset is not None:
            formset.is_valid()  # cleans every form; the database's rule may already object
            seen = set()
            for form in formset.forms:
                if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                    continue
                year = form.cleaned_data.get("year")
                raw = str(form["year"].value() or "")
                if year is None and raw.isdigit():
                    year = int(raw)  # the formset's unique check took it out of cleaned_data
                if year in seen:
                    form.add_error("year", _("Für dieses Jahr gibt es schon einen Stand."))
                if year:
                    seen.add(year)
            self._refuse_swapped_years(formset)
        return cleaned

    def _refuse_swapped_years(self, formset):
        """Saving writes one entry after the other, and the database holds one entry per tool
        and year at every moment: an entry may not take the year another kept entry still has
        (two years swapped), or publishing would fail. Said here, in German, instead."""
        years_now = {}
        for form in formset.forms:
            instance = getattr(form, "instance", None)
            if instance is not None and instance.pk and hasattr(form, "cleaned_data"):
                years_now[instance.pk] = form.cleaned_data
        stored = dict(ToolProgress.objects.filter(pk__in=years_now).values_list("pk", "year"))
        kept = {
            stored[pk]: pk
            for pk, data in years_now.items()
            if pk in stored and not data.get("DELETE")
        }
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            pk = getattr(form.instance, "pk", None)
            year = data.get("year")
            if data.get("DELETE") or not year or pk not in stored or stored[pk] == year:
                continue
            holder = kept.get(year)
            if holder is not None and holder != pk and years_now[holder].get("year") != year:
                form.add_error(
                    "year",
                    _(
                        "Ein anderer Eintrag hat gespeichert noch das Jahr %(year)s. Bitte "
                        "zuerst ihn auf ein freies Jahr setzen und speichern, dann diesen."
                    )
                    % {"year": year},
                )


class ToolPage(WrittenYears, QualityMixin, Page):
    """A Werkzeug of a catalogue (Werkzeugkatalog), with its tool sheets (Werkzeugblätter)."""

    import_id = models.CharField(
        _("ID"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Stabiler Schlüssel aus der Importdatei; bleibt bei Umbenennung gleich."),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=ToolStatus.choices, default=ToolStatus.EXISTING
    )
    primary_action_field = models.ForeignKey(
        "taxonomy.ActionField",
        verbose_name=_("Handlungsfeld"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    further_action_fields = ParentalManyToManyField(
        "taxonomy.ActionField",
        verbose_name=_("Weitere Handlungsfelder"),
        blank=True,
        related_name="+",
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("Zielgruppen"), blank=True, related_name="+"
    )
    tags = ClusterTaggableManager(through=ToolPageTag, blank=True, verbose_name=_("Schlagworte"))
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Beschreibung"), blank=True)
    location_region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name=_("Region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location_text = models.CharField(
        _("Umsetzungsort"),
        max_length=255,
        blank=True,
        help_text=_("z. B. „Pilotprojekt in Gemeinde X und Y, dann ganzer Landkreis“"),
    )
    contact = models.ForeignKey(
        "network.Person",
        verbose_name=_("Ansprechperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Sichtbar nur, soweit die Person es erlaubt; sonst „Kontakt auf Anfrage“."),
    )
    contact_name = models.CharField(
        _("Ansprechperson laut Importdatei"),
        max_length=200,
        blank=True,
        help_text=_(
            "Nur intern (Import/Export); öffentlich erscheint allein die verknüpfte Person."
        ),
    )
    partners = models.TextField(_("Beteiligte"), blank=True)
    partner_organisations = ParentalManyToManyField(
        "network.Organisation",
        verbose_name=_("Beteiligte Organisationen"),
        blank=True,
        related_name="+",
    )
    external_advice = models.BooleanField(_("Externe Beratung nötig"), default=False)
    external_advice_text = models.CharField(
        _("Welche externe Beratung"), max_length=255, blank=True
    )
    years = models.CharField(
        _("Jahre"), max_length=255, blank=True, help_text=_("z. B. 2017;2018 oder 2017-2020")
    )
    tool_sheets = StreamField(ToolSheetsBlock(), verbose_name=_("Werkzeugblätter"), blank=True)
    remarks = models.TextField(_("Besonderheiten, Kommentare"), blank=True)
    good_practice = models.BooleanField(_("Praxisbeispiel"), default=False)
    transferability = models.TextField(
        _("Übertragbarkeit"),
        blank=True,
        help_text=_("Was braucht eine andere Kommune, um das Werkzeug zu übernehmen?"),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("status"), FieldPanel("primary_action_field")]),
        FieldPanel("further_action_fields", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("location_region"), FieldPanel("location_text")],
            heading=_("Umsetzungsort"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact"),
                FieldPanel("contact_name"),
                FieldPanel("partners"),
                FieldPanel("partner_organisations"),
            ],
            heading=_("Ansprechperson und Beteiligte"),
        ),
        InlinePanel("budget_lines", label=_("Budgetposten"), heading=_("Budget")),
        MultiFieldPanel(
            [FieldPanel("external_advice"), FieldPanel("external_advice_text")],
            heading=_("Externe Beratung"),
        ),
        FieldPanel("years"),
        FieldPanel("tool_sheets"),
        FieldPanel("remarks"),
        MultiFieldPanel(
            [
                FieldPanel("good_practice"),
                FieldPanel("transferability"),
                InlinePanel("also_used_in", label=_("Auch eingesetzt in")),
            ],
            heading=_("Gute Praxis"),
        ),
        *QualityMixin.quality_panels,
        InlinePanel(
            "progress",
            label=_("Stand im Jahr"),
            heading=_("Zwischenbilanz: Stand je Jahr"),
            help_text=_("geplant, begonnen, umgesetzt, verstetigt oder eingestellt, mit Nachweis."),
        ),
        # The import key matters to the spreadsheet import only; editors rarely touch it.
        MultiFieldPanel(
            [FieldPanel("import_id")],
            heading=_("Technisches (Import)"),
            classname="collapsed",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("location_text"),
        index.FilterField("status"),
    ]
    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types = []
    base_form_class = ToolPageForm

    class Meta:
        verbose_name = _("Werkzeug")
        verbose_name_plural = _("Werkzeuge")

    def save(self, *args, **kwargs):
        """Saving the tool's content (not just draft bookkeeping) rewrites its measures; every
        save re-indexes them, since they inherit action fields, region and liveness."""
        is_new = self.pk is None
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if is_new and not self.tool_sheets:
            measures = []  # nothing to sync: a new page has no measure rows yet
        elif update_fields is None or "tool_sheets" in update_fields:
            measures = sync_measures(self)
        else:
            measures = list(self.measures.all())
        from search.indexing import schedule

        for measure in measures:
            schedule(measure)
        return result

    def clean(self):
        super().clean()
        self.clean_quality()
        self.clean_years()

    # --- derived values the templates, exports and search share -------------------------

    @property
    def year_list(self):
        """Years of the plan and of every tool sheet."""
        years = set(self.written_years)
        for sheet in self.tool_sheets:
            if sheet.value.get("year"):
                years.add(int(sheet.value["year"]))
        return sorted(years)

    @property
    def progress_by_year(self):
        return progress_by_year(self.progress.all())

    @property
    def current_progress(self):
        """The state of the latest year with an entry ('' if none)."""
        return current_state(self.progress.all())

    def progress_row(self, years):
        """[(year, entry or None)] for the given years (plan table, profile)."""
        by_year = self.progress_by_year
        return [(year, by_year.get(year)) for year in years]

    @property
    def progress_table(self):
        """{'rows': [(self, cells)], 'years', 'id'} for the tool page, or None without entries."""
        years = sorted(self.progress_by_year)
        if not years:
            return None
        return {"rows": [(self, self.progress_row(years))], "years": years, "id": str(self.pk)}

    @property
    def action_fields(self):
        further = [
            f for f in self.further_action_fields.all() if f.pk != self.primary_action_field_id
        ]
        return [self.primary_action_field, *further]

    @property
    def catalogue(self):
        from .catalogue import CatalogueIndexPage

        parent = self.get_parent()
        return parent.specific if parent and parent.specific_class is CatalogueIndexPage else None

    @property
    def effective_region(self):
        """Where the tool runs: its own region, else the region of its catalogue."""
        if self.location_region_id:
            return self.location_region
        catalogue = self.catalogue
        return catalogue.owner_region if catalogue else None

    @property
    def budget_total(self):
        return sum((line.amount or 0) for line in self.budget_lines.all())

    def related_tools(self, request, limit=6):
        """Live tools in the same action field, nearest region first (same Kreis, then Land),
        without those the visitor may not open."""
        region = self.effective_region
        candidates = viewable(
            ToolPage.objects.live()
            .filter(
                models.Q(primary_action_field_id=self.primary_action_field_id)
                | models.Q(further_action_fields=self.primary_action_field_id)
            )
            .exclude(pk=self.pk)
            .select_related("location_region", "primary_action_field")
            .distinct(),
            request,
        )
        if region is None:
            return list(candidates.order_by("title")[:limit])
        land = region.code[:2]
        kreis = region.code[:5]
        parent_path = self.path[: -self.steplen]
        nearby = candidates.filter(
            models.Q(location_region__code__startswith=land)
            | models.Q(location_region__isnull=True, path__startswith=parent_path)
        )[:200]

        def closeness(tool):
            code = tool.location_region.code if tool.location_region_id else region.code
            return (0 if code.startswith(kreis) else 1, tool.title)

        return sorted(nearby, key=closeness)[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template renders them: not when the page's content comes from
        # its kept fragment ({% fragment %}, werkstatt.contentcache).
        context["related_tools"] = SimpleLazyObject(lambda: self.related_tools(request))
        context["uses"] = SimpleLazyObject(lambda: uses_of(self, request))
        context["print_mode"] = request.GET.get("druck") == "1"
        return context


class BudgetLine(Orderable):
    """A rough budget estimate: amount, what it pays for, where the money comes from."""

    tool = ParentalKey(ToolPage, related_name="budget_lines", on_delete=models.CASCADE)
    amount = models.DecimalField(
        _("Betrag (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    purpose = models.CharField(_("Zweck"), max_length=255, blank=True)
    funding = models.CharField(_("Finanzierung"), max_length=255, blank=True)

    panels = [FieldPanel("amount"), FieldPanel("purpose"), FieldPanel("funding")]

    class Meta(Orderable.Meta):
        verbose_name = _("Budgetposten")
        verbose_name_plural = _("Budgetposten")


class AlsoUsedIn(Orderable):
    """'Auch eingesetzt in': another municipality's tool page or a region that copied the tool."""

    tool = ParentalKey(ToolPage, related_name="also_used_in", on_delete=models.CASCADE)
    other_tool = models.ForeignKey(
        ToolPage,
        verbose_name=_("Werkzeug einer anderen Kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name=_("Region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("Hinweis"), max_length=255, blank=True)

    panels = [FieldPanel("other_tool"), FieldPanel("region"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("Auch eingesetzt in")
        verbose_name_plural = _("Auch eingesetzt in")

    def clean(self):
        if not self.other_tool_id and not self.region_id:
            raise ValidationError(_("Bitte ein Werkzeug oder eine Region wählen."))
