"""Shared vocabularies every content app points at: action fields, the official region tree, target groups."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .icons import ICON_CHOICES


class ActionField(index.Indexed, models.Model):
    """A Handlungsfeld: the topic axis of catalogue, projects, network and search."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)
    colour = models.CharField(
        _("Farbe"),
        max_length=7,
        default="#1f5f8b",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Bitte eine Farbe wie #1f5f8b angeben."))
        ],
        help_text=_("Hex-Farbwert; Text auf dieser Farbe wird weiß dargestellt."),
    )
    icon = models.CharField(
        _("Piktogramm"), max_length=40, choices=ICON_CHOICES, default="netzwerk"
    )
    sort_order = models.IntegerField(_("Reihenfolge"), default=0, editable=False, db_index=True)

    sort_order_field = "sort_order"

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("colour"),
        FieldPanel("icon"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")

    def __str__(self):
        return self.name

    @property
    def icon_static_path(self):
        return f"taxonomy/icons/{self.icon}.svg"


class RegionLevel(models.IntegerChoices):
    """Levels of the official key (AGS/ARS): the code length tells the level."""

    LAND = 1, _("Land")
    REGIERUNGSBEZIRK = 2, _("Regierungsbezirk")
    KREIS = 3, _("Kreis")
    GEMEINDE = 4, _("Gemeinde")
    ORTSTEIL = 5, _("Ortsteil")


CODE_LENGTH_LEVEL = {
    2: RegionLevel.LAND,
    3: RegionLevel.REGIERUNGSBEZIRK,
    5: RegionLevel.KREIS,
    8: RegionLevel.GEMEINDE,
}

code_validator = RegexValidator(
    r"^\d{2,12}$", _("Der amtliche Schlüssel besteht aus 2 bis 12 Ziffern.")
)


def level_for_code(code):
    """Level of an official code by its length; anything longer than a Gemeinde is an Ortsteil."""
    if len(code) in CODE_LENGTH_LEVEL:
        return CODE_LENGTH_LEVEL[len(code)]
    if len(code) > 8:
        return RegionLevel.ORTSTEIL
    return None


class RegionQuerySet(models.QuerySet):
    def laender(self):
        return self.filter(level=RegionLevel.LAND)

    def kreise(self):
        return self.filter(level=RegionLevel.KREIS)


class Region(index.Indexed, models.Model):
    """A node of the official-code tree; the code prefix encodes the ancestors."""

    code = models.CharField(
        _("Amtlicher Schlüssel"), max_length=12, unique=True, validators=[code_validator]
    )
    name = models.CharField(_("Name"), max_length=200, db_index=True)
    level = models.PositiveSmallIntegerField(_("Ebene"), choices=RegionLevel.choices, db_index=True)
    kind = models.CharField(
        _("Art"), max_length=60, blank=True, help_text=_("z. B. Landkreis, Kreisfreie Stadt, Stadt")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordnete Region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = RegionQuerySet.as_manager()

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("level"),
        FieldPanel("kind"),
        FieldPanel("parent"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("level"),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")

    def __str__(self):
        return f"{self.name} ({self.get_level_display()})"

    @property
    def label(self):
        """Name with its Kreis kind where that tells two namesakes apart (Landkreis/Stadt Rosenheim)."""
        if self.level == RegionLevel.KREIS and self.kind:
            return f"{self.name} ({self.kind})"
        return self.name

    def record(self):
        """The region as the JSON API and the open data give it: official key, name, level."""
        return {"ags": self.code, "name": self.label, "ebene": self.get_level_display()}

    def ancestors(self, include_self=False):
        """Ancestors from the Land down, following parents (one query per level, at most four)."""
        chain = []
        node = self if include_self else self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @cached_property
    def ancestor_codes(self):
        return [r.code for r in self.ancestors(include_self=True)]

    def descendants(self, include_self=False):
        """Everything below this region; the code prefix makes it one query."""
        qs = Region.objects.filter(code__startswith=self.code)
        if not include_self:
            qs = qs.exclude(pk=self.pk)
        return qs

    @property
    def land(self):
        return self.ancestors(include_self=True)[0]


class TargetGroup(index.Indexed, models.Model):
    """A Zielgruppe of tools, projects and bodies."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    sort_order = models.IntegerField(_("Reihenfolge"), default=0, editable=False, db_index=True)

    sort_order_field = "sort_order"

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")

    def __str__(self):
        return self.name


class RegionFigure(models.Model):
    """Area and population of a region at one reference date (Destatis), for comparing
    municipalities; two dates give the population change."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="figures")
    date = models.DateField(_("Stichtag"))
    area_km2 = models.DecimalField(_("Fläche (km²)"), max_digits=9, decimal_places=2)
    population = models.PositiveIntegerField(_("Bevölkerung"))

    class Meta:
        ordering = ["region", "-date"]
        verbose_name = _("Kennzahl einer Region")
        verbose_name_plural = _("Kennzahlen der Regionen")
        constraints = [
            models.UniqueConstraint(fields=["region", "date"], name="taxonomy_figure_unique_date")
        ]

    def __str__(self):
        return f"{self.region.code} {self.date}: {self.population}"

    @property
    def density(self):
        """Inhabitants per km²."""
        return float(self.population) / float(self.area_km2) if self.area_km2 else None
