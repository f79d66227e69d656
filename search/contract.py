"""The search contract: what every backend receives and returns (plain Python, no Django models).

Key concepts: a `SearchRequest` holds the query, validated facet filters (OR within a facet,
AND across facets), sort, page and the viewer's visibility; a `SearchResponse` holds hits and,
per facet, `Bucket`s with labels and disjunctive counts (each facet counted with every filter
but its own; a selected value is always listed, also at count 0). Region counts say what a click
finds: with regions selected, an unselected region counts the union with the regions the click
keeps (`replaces_region`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Kinds of searchable things: value of the facet `art` -> German label.
KINDS = {
    "werkzeug": _("Werkzeug"),
    "projekt": _("Projekt"),
    "bericht": _("Bericht"),
    "datenbericht": _("Datenbericht"),
    "kontakt": _("Kontakt"),
    "organisation": _("Organisation"),
    "gremium": _("Gremium"),
    "kommune": _("Kommune"),
    "zukunftsbild": _("Zukunftsbild"),
    "massnahme": _("Maßnahme"),
    "werkstattplan": _("Werkstattplan"),
    "seite": _("Seite"),  # the site's own content pages (Impressum, Datenschutz, ...)
}

# Facet name (URL parameter) -> German label. The order is the order on the search page.
FACETS = {
    "art": _("Art"),
    "handlungsfeld": _("Handlungsfeld"),
    "region": _("Region"),
    "zielgruppe": _("Zielgruppe"),
    "status": _("Status"),
    "schlagwort": _("Schlagwort"),
    "jahr": _("Jahr"),
    # Added with plans, measures and progress (issue 15); appended so facet numbers stay stable.
    "monat": _("Monat"),
    "budget": _("Budget"),
    "beratung": _("Externe Beratung"),
    "fortschritt": _("Fortschritt"),
    "qualitaet": _("Qualität"),
}

STATUSES = {"bestehend": _("bestehend"), "neu": _("neu")}
MONTHS = {
    str(number): name
    for number, name in enumerate(
        (
            _("Januar"),
            _("Februar"),
            _("März"),
            _("April"),
            _("Mai"),
            _("Juni"),
            _("Juli"),
            _("August"),
            _("September"),
            _("Oktober"),
            _("November"),
            _("Dezember"),
        ),
        start=1,
    )
}
# Budget bands of a single measure (amount in euro; 1.000 and 10.000 belong to the middle band).
BUDGET_BANDS = {
    "unter-1000": _("unter 1.000 €"),
    "1000-10000": _("1.000 bis 10.000 €"),
    "ueber-10000": _("über 10.000 €"),
}
ADVICE = {"ja": _("mit externer Beratung"), "nein": _("ohne externe Beratung")}
PROGRESS_STATES = {
    "geplant": _("geplant"),
    "begonnen": _("begonnen"),
    "umgesetzt": _("umgesetzt"),
    "verstetigt": _("verstetigt"),
    "eingestellt": _("eingestellt"),
}
QUALITY_STATUSES = {
    "dokumentiert": _("dokumentiert"),
    "evaluiert": _("evaluiert"),
    "geprueft": _("von der Redaktion geprüft"),
}
# Facets with a fixed vocabulary: value -> label; the value order is the display order.
VOCABULARIES = {
    "status": STATUSES,
    "monat": MONTHS,
    "budget": BUDGET_BANDS,
    "beratung": ADVICE,
    "fortschritt": PROGRESS_STATES,
    "qualitaet": QUALITY_STATUSES,
}
# Fixed-vocabulary facets shown in vocabulary order rather than by count.
ORDERED_FACETS = ("monat", "budget", "fortschritt")
SORTS = ("relevanz", "neueste", "titel")
PUBLIC, MEMBERS = "public", "members"
SCOPE_NOTES = {
    2: _("gilt für das ganze Land"),
    3: _("gilt für den ganzen Regierungsbezirk"),
    5: _("gilt für den ganzen Kreis"),
    8: _("gilt für die ganze Gemeinde"),
}
ROLLUP_FROM = 5  # filters on a Kreis (5 digits) or below roll up


def rollup_ancestors(code):
    """The codes of the regions enclosing `code` whose region-wide content a filter on `code`
    also finds (roll-up): none for a Land or Regierungsbezirk."""
    if len(code) < ROLLUP_FROM or not code.isdigit():
        return []
    return [code[:n] for n in (2, 3, 5, 8) if n < len(code)]


def replaces_region(selected, chosen):
    """A click on region `chosen` replaces a `selected` one that encloses it or lies in it (a
    drill-down, not an OR of both); unrelated regions are added (OR). The page's links and the
    region counts (what a click finds) follow this one rule."""
    return selected.startswith(chosen) or chosen.startswith(selected)


# How exact a content date is: a day, or only its year (shown as "2017", stored as 1 January).
DAY, YEAR = "tag", "jahr"
MAX_QUERY_LENGTH = 500
DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True)
class Similar:
    """„Kommunen ähnlich wie X“ (URL: aehnlich=<key>): only documents located in the regions of
    the municipalities that resemble X. Resolved by the setting SEARCH_SIMILAR_FUNCTION, since
    search knows no municipality; here it is plain data."""

    key: str  # the URL value: the municipality's short name (slug)
    label: str  # the municipality's name, „Lüdenscheid“
    regions: tuple[tuple[str, str], ...] = ()  # (region code, name) of each similar municipality
    note: str = ""  # why they are similar, in German (shown on the page)
    url: str = ""  # where the score is explained (the municipality's profile)

    @property
    def codes(self):
        return tuple(code for code, _name in self.regions)

    @property
    def names(self):
        return tuple(name for _code, name in self.regions)


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevanz"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    viewer: str = PUBLIC  # PUBLIC sees public documents only; MEMBERS sees both
    # Region roll-up: a Gemeinde or Kreis filter also finds what applies to the whole enclosing
    # Kreis, Regierungsbezirk or Land (URL: uebergeordnet=nein switches it off).
    rollup: bool = True
    # „Kommunen ähnlich wie X“: a restriction to their regions (no roll-up), not a facet.
    similar: Similar | None = None

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Bucket:
    value: str
    label: str
    count: int
    selected: bool = False
    # Hierarchical facets (region): depth below the top level and the parent bucket's value.
    level: int = 0
    parent: str = ""


@dataclass(frozen=True)
class Hit:
    id: str
    kind: str
    title: str
    url: str
    summary: str = ""
    highlight: str = ""  # HTML-safe snippet with <mark> around matches
    title_highlight: str = ""  # HTML-safe title with <mark> around matches; "" if none matched
    region_label: str = ""
    date: datetime.date | None = None
    action_field_colour: str = ""
    date_precision: str = DAY
    scope_note: str = ""  # e.g. „gilt für den ganzen Kreis“: found by region roll-up
    # where the snippet's match lies when not in the page's own text: „im Dokument »…«“, or
    # the keywords (action fields, target groups, tags, regions); "" otherwise
    match_note: str = ""


@dataclass
class SearchResponse:
    total: int
    hits: list[Hit]
    facets: dict[str, list[Bucket]]
    backend: str
    request: SearchRequest | None = None
    notice: str = ""  # e.g. why the fallback backend answered
    suggestion: str = ""  # „Meinten Sie“: a corrected query that finds more (search.suggest)
    # All words together found little or nothing: hits that cover part of the query follow.
    # `left_out`: the words (or compound parts) the best of them lacks; `partial_q`: the query
    # without them.
    left_out: tuple[str, ...] = ()
    partial_q: str = ""
    all_words: int = 0  # with left_out: how many hits (first) have all words
    also: tuple[str, ...] = ()  # synonyms and derived words searched as well („auch gesucht“)

    @property
    def full_total(self):
        """Hits that have every word: all of them unless partial matches follow."""
        return self.all_words if self.left_out or self.partial_q else self.total
