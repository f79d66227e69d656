"""Tool sheet (Werkzeugblatt) blocks: one year of single measures with the months they run in."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

MONTHS = [
    (1, _("Jan."), _("Januar")),
    (2, _("Feb."), _("Februar")),
    (3, _("März"), _("März")),
    (4, _("Apr."), _("April")),
    (5, _("Mai"), _("Mai")),
    (6, _("Juni"), _("Juni")),
    (7, _("Juli"), _("Juli")),
    (8, _("Aug."), _("August")),
    (9, _("Sept."), _("September")),
    (10, _("Okt."), _("Oktober")),
    (11, _("Nov."), _("November")),
    (12, _("Dez."), _("Dezember")),
]
MONTH_CHOICES = [(str(number), full) for number, _short, full in MONTHS]
ADVICE_CHOICES = [("", _("wie beim Werkzeug")), ("ja", _("ja")), ("nein", _("nein"))]


def target_group_choices():
    """Target groups as (slug, name), read when the form is built (the vocabulary may grow)."""
    from taxonomy.models import TargetGroup

    return list(TargetGroup.objects.order_by("name").values_list("slug", "name"))


class MeasureBlock(blocks.StructBlock):
    """An Einzelmaßnahme and the months (1-12) it runs in."""

    title = blocks.CharBlock(label=_("Einzelmaßnahme"))
    months = blocks.MultipleChoiceBlock(
        label=_("Monate"),
        choices=MONTH_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    budget = blocks.DecimalBlock(
        label=_("Budget (EUR)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    external_advice = blocks.ChoiceBlock(
        label=_("Externe Beratung nötig"), choices=ADVICE_CHOICES, required=False
    )
    target_groups = blocks.MultipleChoiceBlock(
        label=_("Zielgruppen"),
        choices=target_group_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leer: die Zielgruppen des Werkzeugs."),
    )

    class Meta:
        icon = "date"
        label = _("Einzelmaßnahme")


class ToolSheetBlock(blocks.StructBlock):
    """The detailed plan of a tool for one year, monthly granularity (Merkblatt Werkstattplan)."""

    year = blocks.IntegerBlock(label=_("Jahr"), min_value=1990, max_value=2100)
    measures = blocks.ListBlock(MeasureBlock(), label=_("Einzelmaßnahmen"))
    remarks = blocks.TextBlock(label=_("Besonderheiten, Kommentare"), required=False)

    def get_context(self, value, parent_context=None):
        """Rows of the month grid: each measure with a (number, short, full name, planned) per month."""
        context = super().get_context(value, parent_context=parent_context)
        context["months"] = MONTHS
        context["rows"] = [
            {
                "title": measure["title"],
                "budget": measure.get("budget"),
                "external_advice": measure.get("external_advice") or "",
                "cells": [
                    (number, short, full, str(number) in set(measure["months"] or []))
                    for number, short, full in MONTHS
                ],
            }
            for measure in value["measures"]
        ]
        return context

    class Meta:
        icon = "table"
        label = _("Werkzeugblatt")
        template = "catalogue/blocks/tool_sheet.html"


class ToolSheetsBlock(blocks.StreamBlock):
    sheet = ToolSheetBlock()
