"""Directory queries: filtering people, organisations, bodies and municipalities by the GET form.

Kept out of the views so the HTML pages and the JSON API filter identically.
"""

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


def _region_q(prefix, code):
    """Objects whose municipality lies in the region `code` or below it (code prefix)."""
    return Q(**{f"{prefix}region__code__startswith": code})


def filter_people(queryset, data):
    q, field, code = data.get("q", ""), data.get("handlungsfeld", ""), data.get("region", "")
    if q:
        queryset = queryset.filter(
            Q(name__icontains=q) | Q(function__icontains=q) | Q(organisation__name__icontains=q)
        )
    if field:
        queryset = queryset.filter(action_fields__slug=field)
    if code:
        queryset = queryset.filter(
            _region_q("municipality__", code) | _region_q("organisation__municipality__", code)
        )
    return queryset.distinct().select_related("organisation", "municipality")


def filter_organisations(queryset, data):
    q, field, code = data.get("q", ""), data.get("handlungsfeld", ""), data.get("region", "")
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(description__icontains=q))
    if field:
        # Through bodies only: people's expertise would reveal hidden persons.
        queryset = queryset.filter(bodies__action_fields__slug=field)
    if code:
        queryset = queryset.filter(_region_q("municipality__", code))
    if data.get("art"):
        queryset = queryset.filter(kind=data["art"])
    return queryset.distinct().select_related("municipality")


def filter_bodies(queryset, data):
    q, field, code = data.get("q", ""), data.get("handlungsfeld", ""), data.get("region", "")
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(purpose__icontains=q))
    if field:
        queryset = queryset.filter(action_fields__slug=field)
    if code:
        queryset = queryset.filter(_region_q("municipality__", code))
    if data.get("art"):
        queryset = queryset.filter(kind=data["art"])
    return queryset.distinct().select_related("municipality")


def filter_municipalities(queryset, data):
    q, field, code = data.get("q", ""), data.get("handlungsfeld", ""), data.get("region", "")
    if q:
        queryset = queryset.filter(name__icontains=q)
    if field:
        # Through bodies only: people's expertise would reveal hidden persons.
        queryset = queryset.filter(bodies__action_fields__slug=field)
    if code:
        queryset = queryset.filter(_region_q("", code))
    return queryset.distinct().select_related("region")
