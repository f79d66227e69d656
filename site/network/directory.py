"""Directory queries: filtering people, organisations, bodies and municipalities by the GET form.

Kept out of the views so the HTML pages and the JSON API filter identically.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taxonomy.models import ActionField, Region, RegionLevel

from .models import Municipality

MAX_QUERY_LENGTH = 200


def region_choices():
    """Only regions with a municipality profile in or below them, grouped by Land.

    A list of all 420 Länder and Kreise was unusable on a phone; an empty region is a dead end.
    """
    used = set(Municipality.objects.values_list("region__code", flat=True))
    wanted = set()
    for code in used:
        wanted |= {code[:2], code[:5], code}
    regions = (
        Region.objects.filter(code__in=wanted)
        .exclude(level=RegionLevel.REGIERUNGSBEZIRK)
        .order_by("code")
    )
    groups = {}
    for region in regions:
        land = groups.setdefault(region.code[:2], [region.label, []])
        if region.level == RegionLevel.LAND:
            land[0] = region.label
            label = _("%(land)s (ganzes Land)") % {"land": region.label}
        else:
            label = region.label if region.level == RegionLevel.KREIS else f"\u2003{region.label}"
        land[1].append((region.code, label))
    return [("", _("alle Regionen"))] + [tuple(group) for group in groups.values()]


class DirectoryForm(forms.Form):
    """Name, action field and region; every field optional; unknown values are a 400 with a message."""

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    handlungsfeld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlungsfeld"].choices = [("", _("alle Handlungsfelder"))] + [
            (f.slug, f.name) for f in ActionField.objects.all()
        ]
        self.fields["region"].choices = region_choices()
        self.fields["q"].error_messages["max_length"] = _(
            "Der Suchbegriff ist zu lang (höchstens %(limit_value)d Zeichen)."
        )
        for name in ("handlungsfeld", "region"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "„%(value)s“ ist hier keine gültige Auswahl."
            )

    def region_code(self):
        return self.cleaned_data.get("region") or ""


class KindDirectoryForm(DirectoryForm):
    """The directory form with a kind filter (organisations, bodies)."""

    art = forms.ChoiceField(label=_("Art"), required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["art"].choices = [("", _("alle Arten")), *kinds]
        self.fields["art"].error_messages["invalid_choice"] = _(
            "„%(value)s“ ist hier keine gültige Auswahl."
        )


@dataclass(frozen=True)
class DirectoryFilter:
    """How one directory filters by the form's fields; the four directories differ only in paths.

    `text`: fields searched for `q`; `action_field`: the path to the action fields (for
    organisations and municipalities through their bodies only: people's expertise would
    reveal hidden persons); `regions`: paths to a region whose code starts with the chosen one
    (the region or below it); `kind`: whether the „Art“ filter applies.
    """

    text: tuple
    action_field: str
    regions: tuple
    related: tuple
    kind: bool = False

    def __call__(self, queryset, data):
        q, field, code = data.get("q", ""), data.get("handlungsfeld", ""), data.get("region", "")
        if q:
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{name}__icontains": q}) for name in self.text))
            )
        if field:
            queryset = queryset.filter(**{f"{self.action_field}__slug": field})
        if code:
            queryset = queryset.filter(
                reduce(
                    or_, (Q(**{f"{path}region__code__startswith": code}) for path in self.regions)
                )
            )
        if self.kind and data.get("art"):
            queryset = queryset.filter(kind=data["art"])
        return queryset.distinct().select_related(*self.related)


filter_people = DirectoryFilter(
    text=("name", "function", "organisation__name"),
    action_field="action_fields",
    regions=("municipality__", "organisation__municipality__"),
    related=("organisation", "municipality"),
)
filter_organisations = DirectoryFilter(
    text=("name", "description"),
    action_field="bodies__action_fields",
    regions=("municipality__",),
    related=("municipality",),
    kind=True,
)
filter_bodies = DirectoryFilter(
    text=("name", "purpose"),
    action_field="action_fields",
    regions=("municipality__",),
    related=("municipality",),
    kind=True,
)
filter_municipalities = DirectoryFilter(
    text=("name",),
    action_field="bodies__action_fields",
    regions=("",),
    related=("region",),
)
