"""The cycle after the plan: progress per tool and year (Zwischenbilanz), proven practice
(quality status with review date) and single measures of tool sheets as searchable rows.

Key concepts: `ToolProgress` is one state per tool and year, edited on the tool or from a plan
(its admin table, its spreadsheet: `plan_importer.write_progress`); the plan page,
the catalogue's visions and the municipality profile read it. `QualityMixin` gives tools and
projects the same quality status, evaluation document and review date. `Measure` mirrors the
Einzelmaßnahmen of a tool's published tool sheets (rewritten on every save of the tool) so
search can index each measure as its own document, kind „Maßnahme“.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

REVIEW_INTERVAL_YEARS = 2


class ProgressState(models.TextChoices):
    """Where a tool stands in one year; the order is the order of the chart's legend."""

    PLANNED = "geplant", _("geplant")
    STARTED = "begonnen", _("begonnen")
    DONE = "umgesetzt", _("umgesetzt")
    ESTABLISHED = "verstetigt", _("verstetigt")
    STOPPED = "eingestellt", _("eingestellt")


class ToolProgress(Orderable):
    """Zwischenbilanz of one tool in one year: state, a short note and the evidence."""

    tool = ParentalKey("catalogue.ToolPage", related_name="progress", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("Jahr"))
    state = models.CharField(_("Stand"), max_length=20, choices=ProgressState.choices)
    note = models.CharField(_("Kurze Notiz"), max_length=300, blank=True)
    evidence_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Nachweis (Dokument)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence_url = models.URLField(_("Nachweis (Link)"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("state")]),
        FieldPanel("note"),
        FieldRowPanel([FieldPanel("evidence_document"), FieldPanel("evidence_url")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Stand im Jahr")
        verbose_name_plural = _("Zwischenbilanz")
        constraints = [
            models.UniqueConstraint(fields=["tool", "year"], name="catalogue_progress_one_per_year")
        ]

    def clean(self):
        if self.year is not None and not 1990 <= self.year <= 2100:
            raise ValidationError({"year": _("Jahre müssen zwischen 1990 und 2100 liegen.")})

    @property
    def evidence_link(self):
        if self.evidence_document_id:
            return self.evidence_document.url
        return self.evidence_url


def progress_by_year(entries):
    """year -> entry (one per year: the form refuses two, the database too)."""
    return {
        entry.year: entry for entry in sorted(entries, key=lambda e: (e.year, e.sort_order or 0))
    }


def current_state(entries):
    """The state of the latest year with an entry, or ''."""
    by_year = progress_by_year(entries)
    return by_year[max(by_year)].state if by_year else ""


class QualityStatus(models.TextChoices):
    """Proven practice: how well a tool or project is documented, evaluated or reviewed."""

    DOCUMENTED = "dokumentiert", _("dokumentiert")
    EVALUATED = "evaluiert", _("evaluiert")
    REVIEWED = "geprueft", _("von der Redaktion geprüft")


def review_due_before(today=None):
    """Reviews on or before this date are due (older than two years)."""
    today = today or datetime.date.today()
    try:
        return today.replace(year=today.year - REVIEW_INTERVAL_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - REVIEW_INTERVAL_YEARS, day=28)


class QualityMixin(models.Model):
    """Quality status, evaluation document and date of the last editorial review."""

    quality_status = models.CharField(
        _("Qualitätsstatus"),
        max_length=20,
        choices=QualityStatus.choices,
        blank=True,
        help_text=_(
            "dokumentiert: Ablauf und Ergebnisse sind beschrieben; evaluiert: mit "
            "Evaluationsbericht; von der Redaktion geprüft: mit Datum der letzten Prüfung."
        ),
    )
    evaluation_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Evaluationsbericht"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateField(_("Zuletzt von der Redaktion geprüft am"), null=True, blank=True)

    quality_panels = [
        MultiFieldPanel(
            [
                FieldPanel("quality_status"),
                FieldPanel("evaluation_document"),
                FieldPanel("reviewed_at"),
            ],
            heading=_("Qualitätsstatus (bewährte Praxis)"),
        )
    ]

    class Meta:
        abstract = True

    def clean_quality(self):
        errors = {}
        if self.quality_status == QualityStatus.EVALUATED and not self.evaluation_document_id:
            errors["evaluation_document"] = _(
                "„evaluiert“ braucht einen Evaluationsbericht als Dokument."
            )
        if self.quality_status == QualityStatus.REVIEWED and not self.reviewed_at:
            errors["reviewed_at"] = _("„von der Redaktion geprüft“ braucht das Datum der Prüfung.")
        if self.reviewed_at and self.reviewed_at > datetime.date.today():
            errors["reviewed_at"] = _("Das Prüfdatum liegt in der Zukunft.")
        if errors:
            raise ValidationError(errors)

    @property
    def review_due(self):
        """True when the last editorial review is more than two years ago."""
        return bool(self.reviewed_at) and self.reviewed_at <= review_due_before()


# --- single measures (Einzelmaßnahmen) ------------------------------------------------------

BUDGET_BANDS = (
    # (value, label, upper bound exclusive or None)
    ("unter-1000", _("unter 1.000 €"), Decimal("1000")),
    ("1000-10000", _("1.000 bis 10.000 €"), Decimal("10000.01")),
    ("ueber-10000", _("über 10.000 €"), None),
)


def budget_band(amount):
    """The band of an amount in euro: < 1.000, 1.000 to 10.000 (inclusive), > 10.000; '' if unknown."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    for value, _label, upper in BUDGET_BANDS:
        if upper is None or amount < upper:
            return value
    return ""


class Measure(models.Model):
    """An Einzelmaßnahme of a tool's published tool sheet, kept as a row so it can be found.

    Written by `sync_measures` whenever the tool is saved with its content; editors never edit
    it here (the tool sheet is the source).
    """

    tool = models.ForeignKey(
        "catalogue.ToolPage", on_delete=models.CASCADE, related_name="measures"
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    position = models.PositiveSmallIntegerField(_("Position im Werkzeugblatt"))
    title = models.CharField(_("Einzelmaßnahme"), max_length=255)
    months = models.CharField(_("Monate"), max_length=40, blank=True)  # "1;3;12"
    budget = models.DecimalField(
        _("Budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    external_advice = models.BooleanField(_("Externe Beratung"), default=False)
    target_groups = models.CharField(_("Zielgruppen (Kurznamen)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Einzelmaßnahme")
        verbose_name_plural = _("Einzelmaßnahmen")
        ordering = ["tool", "year", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "year", "position"], name="catalogue_measure_unique_position"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    @property
    def month_list(self):
        return [int(m) for m in self.months.split(";") if m.isdigit()]

    @property
    def target_group_list(self):
        return [slug for slug in self.target_groups.split(";") if slug]

    @property
    def budget_band(self):
        return budget_band(self.budget)


def measure_values(tool):
    """(year, position) -> field values of every measure in the tool's sheets."""
    tool_groups = sorted(g.slug for g in tool.target_groups.all()) if tool.pk else []
    values = {}
    for sheet in tool.tool_sheets:
        if sheet.block_type != "sheet" or not sheet.value.get("year"):
            continue
        year = int(sheet.value["year"])
        position = len([key for key in values if key[0] == year])
        for measure in sheet.value.get("measures") or []:
            advice = measure.get("external_advice") or ""
            groups = sorted(measure.get("target_groups") or []) or tool_groups
            budget = measure.get("budget")
            values[(year, position)] = {
                "title": str(measure.get("title") or "")[:255],
                "months": ";".join(
                    str(m) for m in sorted({int(m) for m in measure.get("months") or []})
                ),
                "budget": None if budget is None else Decimal(budget).quantize(Decimal("0.01")),
                "external_advice": tool.external_advice if advice == "" else advice == "ja",
                "target_groups": ";".join(groups)[:500],
            }
            position += 1
    return values


def sync_measures(tool):
    """Make the tool's Measure rows match its sheets, changing only rows that differ (stable ids,
    so search keys stay); returns the measures now belonging to the tool."""
    wanted = measure_values(tool)
    existing = {(m.year, m.position): m for m in Measure.objects.filter(tool=tool)}
    for key, measure in existing.items():
        if key not in wanted:
            measure.delete()
    kept = []
    for (year, position), values in wanted.items():
        measure = existing.get((year, position))
        if measure is None:
            measure = Measure.objects.create(tool=tool, year=year, position=position, **values)
        elif any(getattr(measure, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(measure, name, value)
            measure.save()
        kept.append(measure)
    return kept


CHART_HEIGHT = 120
CHART_BAR = 36
CHART_STEP = 56


def progress_chart(rows, years):
    """Data for the small SVG chart of a Zwischenbilanz: per year one bar, stacked by state.

    `rows` are (tool, [(year, entry or None)]). Returns None when no entry exists; else a dict
    with the view box, bars (x, year, total, segments with y/height/state/label/count) and the
    legend (states that occur, in the order of `ProgressState`).
    """
    counts = {year: dict.fromkeys(ProgressState.values, 0) for year in years}
    for _tool, cells in rows:
        for year, entry in cells:
            if entry is not None and year in counts and entry.state in counts[year]:
                counts[year][entry.state] += 1
    highest = max((sum(c.values()) for c in counts.values()), default=0)
    if not highest:
        return None
    labels = dict(ProgressState.choices)
    bars = []
    for index, year in enumerate(years):
        x = 8 + index * CHART_STEP
        bottom = CHART_HEIGHT
        segments = []
        for state in ProgressState.values:
            count = counts[year][state]
            if not count:
                continue
            height = round(count * CHART_HEIGHT / highest, 1)
            bottom -= height
            segments.append(
                {
                    "state": state,
                    "label": labels[state],
                    "count": count,
                    "y": round(bottom, 1),
                    "height": height,
                }
            )
        bars.append(
            {"x": x, "year": year, "total": sum(counts[year].values()), "segments": segments}
        )
    used = [s for s in ProgressState.values if any(counts[y][s] for y in years)]
    return {
        "width": 16 + len(years) * CHART_STEP,
        "height": CHART_HEIGHT + 24,
        "bar": CHART_BAR,
        "label_x": CHART_BAR / 2,
        "label_y": CHART_HEIGHT + 18,
        "bars": bars,
        "legend": [(state, labels[state]) for state in used],
        "highest": highest,
    }
