"""The search projection: one `SearchDocument` per findable thing, facet values in their own table.

Key concepts: the projection is the source of truth for every backend. Facet values live in
`SearchFacetValue` rows (document, facet, value) with covering indexes in both directions;
the database backend counts facets over an in-memory snapshot of them (`columns.py`), updated
with the documents the change log (`SearchChange`) names. Full-text structures are created per
database by migrations: an FTS5 table on SQLite (0002, 0006), a narrow `search_text` table of tsvectors
with GIN indexes on PostgreSQL (0005, 0006).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .backends.base import DocumentData
from .contract import DAY, MEMBERS, PUBLIC, YEAR


class SearchDocument(models.Model):
    key = models.CharField(_("Schlüssel"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=30, db_index=True)
    title = models.CharField(_("Titel"), max_length=500)
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    body = models.TextField(_("Text"), blank=True)
    keywords = models.TextField(
        _("Begriffe"),
        blank=True,
        help_text=_("Namen der Handlungsfelder, Zielgruppen, Schlagwörter und Regionen."),
    )
    url = models.CharField(_("Adresse"), max_length=500)
    date = models.DateField(
        _("Datum"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Datum des Inhalts (Werkzeug: erstes Jahr, Bericht: Erscheinen, Projekt: Beginn)."
        ),
    )
    date_precision = models.CharField(
        _("Genauigkeit des Datums"),
        max_length=4,
        choices=[(DAY, _("Tag")), (YEAR, _("Jahr"))],
        default=DAY,
    )
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
            keywords=self.keywords,
            date=self.date,
            date_precision=self.date_precision,
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


class SearchChange(models.Model):
    """Insert-only change log of the projection: one row per written or deleted document.

    Triggers (migration 0009) add the rows in the writing transaction, also for writes that
    bypass the backend; nothing else writes here and nothing is ever updated, so concurrent
    writers never wait for each other (the shared token row this replaces serialised every
    index write). Each process's column snapshot applies only the documents named since it
    last looked (backends/database/columns.py). `document_id` NULL means "everything"
    (TRUNCATE); `txid` is the PostgreSQL transaction, `nonce` tells a row from one that
    reused its id after a rollback.
    """

    id = models.BigAutoField(primary_key=True)
    document_id = models.BigIntegerField(null=True)
    txid = models.BigIntegerField(null=True)
    nonce = models.BigIntegerField()
    created = models.DateTimeField()

    class Meta:
        verbose_name = _("Änderung am Suchindex")
        verbose_name_plural = _("Änderungen am Suchindex")
        indexes = [
            models.Index(fields=["txid"], name="search_change_txid"),
            models.Index(fields=["created"], name="search_change_created"),
        ]

    def __str__(self):
        return f"{self.pk}: {self.document_id}"


class SearchOutbox(models.Model):
    """A document key whose change has not reached the search cluster yet (search.queue).

    Written in the same transaction as the projection, so no change is lost when the cluster
    is down or hung; the queue sends the projection's current state (or a delete) later.
    """

    key = models.CharField(_("Schlüssel"), max_length=200, unique=True)
    queued_at = models.DateTimeField(_("eingereiht"), db_index=True)
    attempts = models.PositiveIntegerField(_("Versuche"), default=0)
    last_error = models.TextField(_("letzter Fehler"), blank=True)

    class Meta:
        verbose_name = _("Index-Warteschlange")
        verbose_name_plural = _("Index-Warteschlange")

    def __str__(self):
        return self.key


class SynonymSet(models.Model):
    """Words and phrases with one meaning, maintained by editors (snippet „Synonyme“).

    Applied to queries only (`search.synonyms`): "ÖPNV" also finds „Nahverkehr“ without a
    rebuild of any index. A migration ships a small seed list.
    """

    terms = models.TextField(
        _("Begriffe"),
        help_text=_(
            "Begriffe mit derselben Bedeutung, durch Kommas getrennt, "
            "z. B. „ÖPNV, Nahverkehr, öffentlicher Nahverkehr“."
        ),
    )
    # Every process compares count and newest change before a search (search.synonyms).
    updated = models.DateTimeField(_("geändert"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("Synonyme")
        verbose_name_plural = _("Synonyme")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def members(self):
        return [part.strip() for part in self.terms.replace(";", ",").split(",") if part.strip()]


class SearchTerm(models.Model):
    """One word of the indexed titles, summaries and keywords: the vocabulary of „Meinten Sie“
    (search.suggest). Written with the documents; words of removed documents may stay (a
    suggestion is only made when it finds something)."""

    term = models.CharField(max_length=100, db_index=True)  # search form (search.german)
    word = models.CharField(max_length=100)  # as first written
    folded = models.CharField(max_length=100, unique=True)  # search.text.fold(word)
    first = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("Suchbegriff")
        verbose_name_plural = _("Suchbegriffe")
        indexes = [models.Index(fields=["first", "length"], name="search_term_near")]

    def __str__(self):
        return self.word


class AttachmentText(models.Model):
    """The text extracted from one document file (search.attachments), kept so that a rebuild
    or a re-index never reads the same file twice; `signature` names the file version, so a
    replaced file is read anew."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    signature = models.CharField(_("Dateiversion"), max_length=400)
    text = models.TextField(_("Text"), blank=True)
    problem = models.CharField(_("Problem beim Lesen"), max_length=300, blank=True)
    extracted_at = models.DateTimeField(_("gelesen am"), auto_now=True)

    class Meta:
        verbose_name = _("Text eines Dokuments")
        verbose_name_plural = _("Texte von Dokumenten")

    def __str__(self):
        return f"{self.document_id}: {self.signature}"
