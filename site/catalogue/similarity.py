"""Municipalities like mine: a transparent score and the tools used where it is high.

Key concepts: every criterion gives points between 0 and 1 and a German reason; the score is
the weighted mean over the criteria known for both municipalities (an unknown one drops out, its
weight is not counted), shown as 0 to 100. Nothing is learned or hidden: the README states the
same rules.

* Größe (weight 0.35): 1 − |log10(population A / population B)|, at least 0. Twice as large
  gives 0.70, ten times as large 0. Population: the municipality's own figure, else its Kreis's
  Destatis figure when the municipality is that Kreis.
* Siedlungsdichte (0.25): the Kreis's inhabitants per km² (Destatis) in four classes: dünn
  besiedelt (< 100), ländlich (100 to < 150), städtisch geprägt (150 to < 500), städtisch
  (≥ 500). Same class 1, neighbouring class 0.5, else 0.
* Bevölkerungsentwicklung (0.15): change of the Kreis's population between its two latest
  reference dates, in percent; 1 − |difference| / 5 percentage points, at least 0. Shipped:
  31.12.2018 and 31.12.2021. Unknown with one date, and where the Kreis's area changed by more
  than 1 % between the two (a merger: the change would measure the new border, not the people).
* Handlungsfelder (0.25): Jaccard index of the action fields the two work in (their tools and
  Werkstattplan rows): shared fields / all fields.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WEIGHTS = {"size": 0.35, "density": 0.25, "change": 0.15, "fields": 0.25}
DENSITY_CLASSES = (
    (100, "duenn", gettext_lazy("dünn besiedelt")),
    (150, "laendlich", gettext_lazy("ländlich")),
    (500, "staedtisch-gepraegt", gettext_lazy("städtisch geprägt")),
    (None, "staedtisch", gettext_lazy("städtisch")),
)
CHANGE_SPAN = 5.0  # percentage points at which the change criterion gives 0
MAX_AREA_CHANGE = Decimal("0.01")  # a larger change of area between the dates is a new border
MIN_SCORE = 40  # below this a municipality is not shown as similar


@dataclass
class Profile:
    """What the score compares for one municipality (None: unknown)."""

    population: int | None = None
    density: float | None = None
    change: float | None = None  # percent between the two latest reference dates
    fields: frozenset = frozenset()
    field_names: dict = field(default_factory=dict)


@dataclass
class Criterion:
    key: str
    label: str
    points: float  # 0..1
    reason: str  # shown when the points are high enough to be a reason ("" otherwise)

    @property
    def weight_percent(self):
        return round(100 * WEIGHTS[self.key])

    @property
    def percent(self):
        return round(100 * self.points)


@dataclass
class Match:
    municipality: object
    score: int  # 0..100
    criteria: list
    tools: list = field(default_factory=list)

    @property
    def reasons(self):
        return [c.reason for c in self.criteria if c.reason]


def density_class(density):
    for upper, key, label in DENSITY_CLASSES:
        if upper is None or density < upper:
            return key, label
    return DENSITY_CLASSES[-1][1:]


def compare(a: Profile, b: Profile):
    """The criteria known for both, with points and reasons; pure (hand-checkable)."""
    criteria = []
    if a.population and b.population:
        points = max(0.0, 1 - abs(math.log10(a.population / b.population)))
        criteria.append(
            Criterion("size", _("Größe"), points, _("ähnlich groß") if points >= 0.7 else "")
        )
    if a.density is not None and b.density is not None:
        keys = [key for _upper, key, _label in DENSITY_CLASSES]
        key_a, label_a = density_class(a.density)
        key_b, _label_b = density_class(b.density)
        distance = abs(keys.index(key_a) - keys.index(key_b))
        points = {0: 1.0, 1: 0.5}.get(distance, 0.0)
        reason = _("ebenfalls %(class)s") % {"class": label_a} if distance == 0 else ""
        criteria.append(Criterion("density", _("Siedlungsdichte"), points, reason))
    if a.change is not None and b.change is not None:
        points = max(0.0, 1 - abs(a.change - b.change) / CHANGE_SPAN)
        reason = _("ähnliche Bevölkerungsentwicklung") if points >= 0.6 else ""
        criteria.append(Criterion("change", _("Bevölkerungsentwicklung"), points, reason))
    if a.fields:
        shared = a.fields & b.fields
        points = len(shared) / len(a.fields | b.fields)
        names = sorted(a.field_names[f] for f in shared)
        reason = ""
        if names:
            reason = _("gleiches Handlungsfeld: %(fields)s") % {"fields": ", ".join(names)}
        criteria.append(Criterion("fields", _("Handlungsfelder"), points, reason))
    return criteria


def score(criteria):
    """Weighted mean of the known criteria as 0..100 (0 when nothing is known)."""
    weight = sum(WEIGHTS[c.key] for c in criteria)
    if not weight:
        return 0
    return round(100 * sum(WEIGHTS[c.key] * c.points for c in criteria) / weight)


# --- reading the figures (a fixed number of queries, however many municipalities) -------------


class Facts:
    """Figures and action fields of every municipality's region, read in a few queries."""

    def __init__(self, regions):
        from taxonomy.models import ActionField, RegionFigure

        from .models import PlanRow, ToolPage

        kreise = {region.code[:5] for region in regions}
        self.figures = {}
        for figure in RegionFigure.objects.filter(region__code__in=kreise).select_related("region"):
            self.figures.setdefault(figure.region.code, []).append(figure)
        for figures in self.figures.values():
            figures.sort(key=lambda f: f.date, reverse=True)
        live = ToolPage.objects.live().filter(location_region__isnull=False)
        pairs = list(live.values_list("location_region__code", "primary_action_field_id"))
        pairs += list(
            live.filter(further_action_fields__isnull=False).values_list(
                "location_region__code", "further_action_fields"
            )
        )
        pairs += list(
            PlanRow.objects.filter(
                plan__live=True, plan__region__isnull=False, action_field__isnull=False
            ).values_list("plan__region__code", "action_field_id")
        )
        self.pairs = pairs
        self.names = dict(ActionField.objects.values_list("pk", "name"))

    def kreis_figures(self, region):
        """The two latest figures of the region's Kreis (or of the region itself)."""
        return self.figures.get(region.code[:5], [])[:2]

    def action_fields(self, region):
        """Action-field id -> name of the tools and plan rows located in the region."""
        ids = {field for code, field in self.pairs if code.startswith(region.code) and field}
        return {pk: self.names[pk] for pk in ids if pk in self.names}


def profile_of(municipality, facts=None):
    region = municipality.region
    if region is None:
        return Profile()
    facts = facts or Facts([region])
    figures = facts.kreis_figures(region)
    latest = figures[0] if figures else None
    population = municipality.population
    if not population and latest and len(region.code) == 5:
        population = latest.population
    change = None
    if len(figures) == 2 and figures[1].population:
        new, old = figures
        if abs(new.area_km2 - old.area_km2) <= MAX_AREA_CHANGE * old.area_km2:
            change = 100.0 * (new.population - old.population) / old.population
    names = facts.action_fields(region)
    return Profile(
        population=population or None,
        density=latest.density if latest else None,
        change=change,
        fields=frozenset(names),
        field_names=names,
    )


def matches_for(municipality, limit=5):
    """The most similar other municipalities (score ≥ MIN_SCORE), best score first."""
    from network.models import Municipality

    region = municipality.region
    if region is None:
        return []
    others = [
        other
        for other in Municipality.objects.exclude(pk=municipality.pk)
        .filter(region__isnull=False)
        .select_related("region")
        # the same place (a Gemeinde in the Kreis, or the other way round) is not "similar"
        if not other.region.code.startswith(region.code)
        and not region.code.startswith(other.region.code)
    ]
    facts = Facts([region, *(other.region for other in others)])
    mine = profile_of(municipality, facts)
    matches = []
    for other in others:
        criteria = compare(mine, profile_of(other, facts))
        value = score(criteria)
        if value >= MIN_SCORE:
            matches.append(Match(other, value, criteria))
    matches.sort(key=lambda m: (-m.score, m.municipality.name))
    return matches[:limit]


def similar_municipalities(municipality, request=None, limit=5, tools_per_match=5):
    """`matches_for`, each with the live tools located there that the visitor may open."""
    from werkstatt.visibility import viewable

    from .models import ToolPage

    matches = matches_for(municipality, limit)
    if not matches:
        return matches
    where = Q()
    for match in matches:
        where |= Q(location_region__code__startswith=match.municipality.region.code)
    tools = ToolPage.objects.live().filter(where).select_related("location_region")
    if request is not None:
        tools = viewable(tools, request)
    tools = list(tools.order_by(F("reviewed_at").desc(nulls_last=True), "title"))
    for match in matches:
        code = match.municipality.region.code
        match.tools = [t for t in tools if t.location_region.code.startswith(code)][
            :tools_per_match
        ]
    return matches


def search_similar(value):
    """The search option „Kommunen ähnlich wie X“ (setting SEARCH_SIMILAR_FUNCTION): X by its
    short name or its AGS, as the search's `Similar` (their regions restrict the hits); None
    for a value that names no municipality."""
    from network.models import Municipality
    from search.contract import Similar

    municipalities = Municipality.objects.select_related("region")
    municipality = municipalities.filter(slug=value).first()
    if municipality is None and value.isdigit():
        municipality = municipalities.filter(region__code=value).first()
    if municipality is None:
        return None
    matches = matches_for(municipality)
    note = "; ".join(
        _("%(name)s: %(score)s von 100 Punkten (%(why)s)")
        % {
            "name": m.municipality.name,
            "score": m.score,
            "why": ", ".join(m.reasons) or _("keine einzelne Gemeinsamkeit überwiegt"),
        }
        for m in matches
    )
    return Similar(
        key=municipality.slug,
        label=municipality.name,
        regions=tuple((m.municipality.region.code, m.municipality.name) for m in matches),
        note=note,
        url=municipality.get_absolute_url(),
    )


def similar_keys():
    """The values of the search option `aehnlich` the API documents (setting
    SEARCH_SIMILAR_KEYS_FUNCTION): the short names of municipalities with a region."""
    from network.models import Municipality

    return list(
        Municipality.objects.filter(region__isnull=False)
        .order_by("slug")
        .values_list("slug", flat=True)
    )
