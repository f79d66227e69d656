"""A list of fixed choices stored as JSON, edited as checkboxes (SQLite has no ArrayField)."""

from django import forms
from django.db import models


class MultipleChoiceJSONField(models.JSONField):
    """JSON list of choice values; the admin shows one checkbox per choice."""

    def __init__(self, *args, choices_list=(), **kwargs):
        self.choices_list = list(choices_list)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_list"] = self.choices_list
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices_list,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def labels(self, values):
        """German labels of the stored values, in the order of the choices."""
        known = dict(self.choices_list)
        return [
            str(known[v]) for v, _label in self.choices_list if v in (values or []) and v in known
        ]
