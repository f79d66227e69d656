"""The search projection: one `SearchDocument` per findable thing, facet values in their own table.

Key concepts: the projection is the source of truth for every backend. Facet values live in
`SearchFacetValue` rows (document, facet, value) with two covering indexes (facet, value, document) and (document, facet, value), so a filter is an
index range and a facet count is a GROUP BY over an index (see the note in
/work/team/notes/search.md for the measurements against a JSON column). Full-text structures
are created per database by migration 0002: an FTS5 table on SQLite, a generated, weighted
`tsvector` column with a GIN index on PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .backends.base import DocumentData
from .contract import MEMBERS, PUBLIC


class SearchDocument(models.Model):
    key = models.CharField(_("Schlüssel"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=30, db_index=True)
    title = models.CharField(_("Titel"), max_length=500)
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    body = models.TextField(_("Text"), blank=True)
    url = models.CharField(_("Adresse"), max_length=500)
    date = models.DateField(_("Datum"), null=True, blank=True, db_index=True)
    visibility = models.CharField(
        _("Sichtbarkeit"),
        max_length=10,
        choices=[(PUBLIC, _("öffentlich")), (MEMBERS, _("nur Mitglieder"))],
        default=PUBLIC,
        db_index=True,
    )
    region_label = models.CharField(_("Region"), max_length=200, blank=True)
    action_field_colour = models.CharField(
        _("Handlungsfeld (Farbklasse)"),
        max_length=120,
        blank=True,
        help_text=_("Slug des ersten Handlungsfelds; die Seite setzt die Klasse af-<slug>."),
    )
    # Facet values as written (regions with ancestors): the DocumentData round trip and check_search.
    facets = models.JSONField(_("Facetten"), default=dict, blank=True)
    title_sort = models.CharField(max_length=500, db_index=True, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False)
    indexed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("Suchdokument")
        verbose_name_plural = _("Suchdokumente")
        indexes = [models.Index(fields=["visibility", "date"], name="search_doc_vis_date")]

    def __str__(self):
        return f"{self.key}: {self.title}"

    def to_data(self):
        """This row as the plain `DocumentData` every backend indexes."""
        return DocumentData(
            key=self.key,
            kind=self.kind,
            title=self.title,
            url=self.url,
            summary=self.summary,
            body=self.body,
            date=self.date,
            visibility=self.visibility,
            region_label=self.region_label,
            action_field_colour=self.action_field_colour,
            facets={name: list(values) for name, values in (self.facets or {}).items()},
        )


class SearchFacetValue(models.Model):
    """One facet value of one document; `art` is stored here too so every facet counts alike."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "value", "document"], name="search_fv_filter"),
        ]
        # The unique constraint's index (document, facet, value) serves the counting joins.
        constraints = [
            models.UniqueConstraint(fields=["document", "facet", "value"], name="search_fv_unique")
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SearchState(models.Model):
    """One row whose token every write through the database backend renews, so each process
    knows when its in-memory snapshot of the projection (backends/database/columns.py) is old."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("Suchstand")

    def __str__(self):
        return self.token
