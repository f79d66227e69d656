"""The request side: a `FacetedSearch` built from a contract `SearchRequest`.

Key concepts:

* One `TermsFacet` per contract facet with an explicit `size` that covers every value
  (Elasticsearch's default of 10 would silently drop buckets).
* `FacetedSearch` puts the facet filters into `post_filter` and each facet's aggregation
  under a `filter` of all the OTHER facets' filters: that is exactly the contract's
  disjunctive counting (OR within a facet, AND across facets).
* Visibility is a query filter (never a post_filter), so members-only documents count
  nowhere for anonymous viewers, not in hits and not in facet counts.
* The region facet is hierarchical: its aggregation only returns Länder (2-digit codes) and
  the Kreise (5 digits) of selected Länder or Kreise, so `size` stays bounded.
"""

from elasticsearch.dsl import FacetedSearch, Q, TermsFacet
from elasticsearch.dsl.faceted_search import FacetedResponse

from ... import synonyms
from ...contract import KINDS, PUBLIC, STATUSES, VOCABULARIES, SearchRequest, rollup_ancestors
from ...text import parse_query
from .documents import FACET_FIELDS, WerkstattDocument

# Upper bounds on distinct values per facet; larger than any real vocabulary.
FACET_SIZES = {
    "art": len(KINDS),
    "handlungsfeld": 200,
    "region": 1000,  # 16 Länder + 401 Kreise at most (see region_include)
    "zielgruppe": 200,
    "status": len(STATUSES),
    "schlagwort": 1000,
    "jahr": 200,
    **{
        name: len(VOCABULARIES[name])
        for name in ("monat", "budget", "beratung", "fortschritt", "qualitaet")
    },
}
EXACT_TITLE_BOOST = 100  # above any sum of field scores of a partial match
TEXT_FIELDS = ["terms.title^3", "terms.summary^2", "terms.keywords^2", "terms.body"]
SYNONYM_BOOST = 0.01  # a word found only through a synonym ranks after what was typed
ALL_WORDS, ALL_WORDS_BOOST = "alle", 10_000  # with partial matches: what has all words first
HIGHLIGHT = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",  # the snippet is escaped text with our <mark> tags only
    "fragment_size": 160,
    "number_of_fragments": 1,
    "no_match_size": 0,
}
SORTS = {
    "relevanz": ["_score", {"date": {"order": "desc", "missing": "_last"}}, "title.sort"],
    "neueste": [{"date": {"order": "desc", "missing": "_last"}}, "title.sort"],
    "titel": ["title.sort", {"date": {"order": "desc", "missing": "_last"}}],
}


def region_include(selected):
    """Regex for the region aggregation: what the drill-down shows (see `search.buckets`).

    Every Land; the Kreise of the Land of each selected region; the Gemeinden of a selected
    Kreis (or of the Kreis of a selected Gemeinde); the Ortsteile of a selected Gemeinde.
    """
    children = {2: set(), 5: set(), 8: set()}  # parent length -> parent codes
    for code in selected:
        if not code.isdigit():
            continue
        for length in children:
            if len(code) >= length:
                children[length].add(code[:length])
    parts = ["[0-9]{2}"]
    child_pattern = {2: "[0-9]{3}", 5: "[0-9]{3}", 8: "[0-9]+"}
    for length, parents in children.items():
        if parents:
            alternatives = "|".join(sorted(parents))
            parts.append(f"({alternatives}){child_pattern[length]}")
    return "|".join(parts)


class RegionFacet(TermsFacet):
    """The region facet with roll-up: a selected Gemeinde or Kreis also matches documents filed
    at the Kreis, Regierungsbezirk or Land enclosing it (`region_own`, their own region)."""

    def __init__(self, rollup=True, **kwargs):
        self.rollup = rollup
        super().__init__(**kwargs)

    def add_filter(self, filter_values):
        inside = super().add_filter(filter_values)
        if inside is None or not self.rollup:
            return inside
        ancestors = sorted({a for code in filter_values for a in rollup_ancestors(code)})
        if not ancestors:
            return inside
        return Q("bool", should=[inside, Q("terms", region_own=ancestors)], minimum_should_match=1)


def _alternative(terms, boost=1.0):
    must = [Q("multi_match", query=term, fields=TEXT_FIELDS) for term in terms]
    return must[0] if len(must) == 1 and boost == 1.0 else Q("bool", must=must, boost=boost)


def text_query(parsed):
    """The Elasticsearch query of a `search.text.Query`: AND over the query's words, OR over
    each word's alternatives (itself, all its parts, its synonyms and family), AND over an
    alternative's terms; every term looked up in the analysed fields `terms.*` (None for an
    empty query)."""
    if not parsed:
        return None
    groups = []
    for word in parsed.words:
        alternatives = [_alternative(a) for a in word.typed]
        alternatives += [_alternative(a, SYNONYM_BOOST) for a in word.wider]
        groups.append(
            alternatives[0]
            if len(alternatives) == 1
            else Q("bool", should=alternatives, minimum_should_match=1)
        )
    return groups[0] if len(groups) == 1 else Q("bool", must=groups)


def partial_query(parsed):
    """What has all words first (named ALL_WORDS, boosted above everything), then what matches
    part of the query (`minimum_should_match` 1 over its words), as on the database: each word
    scores its best piece (`search.text.Query.pieces`, dis_max) at the piece's weight times
    its field score, which holds its rarity. Every piece is named "word:weight", so
    `matched_queries` tells what a hit lacks."""
    words = [
        Q(
            "dis_max",
            queries=[
                Q("bool", must=_alternative(alternative), boost=weight, _name=f"{index}:{weight}")
                for alternative, weight, _label in word.pieces()
            ],
        )
        for index, word in enumerate(parsed.words)
    ]
    every = Q("constant_score", filter=text_query(parsed), boost=ALL_WORDS_BOOST, _name=ALL_WORDS)
    return Q("bool", should=[every, *words], minimum_should_match=1)


def coverage(parsed, matched_queries):
    """Per word the best weight a hit's `matched_queries` (see `partial_query`) show."""
    best = [0.0] * len(parsed.words)
    for name in matched_queries:
        if name == ALL_WORDS:
            continue
        index, weight = name.split(":")
        best[int(index)] = max(best[int(index)], float(weight))
    return best


class WerkstattSearch(FacetedSearch):
    """Faceted search over the alias; construct with `WerkstattSearch.from_request()`."""

    doc_types = [WerkstattDocument]
    fields = TEXT_FIELDS

    def __init__(self, request: SearchRequest, index, using, partial=False):
        self.partial = partial  # when all words found nothing: what covers most of them
        self.parsed = parse_query(request.q, synonyms.current())
        self.index = index
        self.using = using
        self.request = request
        selected_regions = request.filters.get("region", ())
        self.facets = {
            name: TermsFacet(field=name, size=FACET_SIZES[name])
            for name in FACET_FIELDS
            if name != "region"
        }
        self.facets["region"] = RegionFacet(
            rollup=request.rollup,
            field="region",
            size=FACET_SIZES["region"],
            include=region_include(selected_regions),
        )
        self.facets = {name: self.facets[name] for name in FACET_FIELDS}
        filters = {name: list(values) for name, values in request.filters.items() if values}
        super().__init__(request.q.strip() or None, filters, sort=SORTS[request.sort])
        start = request.offset
        self[start : start + request.page_size]

    def search(self):
        s = super().search().extra(track_total_hits=True)
        if self.request.viewer == PUBLIC:
            s = s.filter("term", visibility=PUBLIC)
        if self.request.similar is not None:
            # located in a similar municipality (`region` holds every ancestor code): a query
            # filter like visibility, so every facet counts only there; none similar, no hit
            s = s.filter("terms", region=list(self.request.similar.codes))
        return s

    def query(self, search, query):
        """All words must match (AND), in title, summary, keywords or body, each as the word, all
        its compound parts or a synonym (`search.text.parse_query`, as on the database); title
        counts most, and a title that is the query itself (normalised like `title.sort`) comes
        first."""
        words = (partial_query if self.partial else text_query)(self.parsed)
        if words is None:
            return search.query(Q("match_none"))
        exact = Q(
            "term", **{"title.sort": {"value": " ".join(query.split()), "boost": EXACT_TITLE_BOOST}}
        )
        return search.query(Q("bool", must=[words], should=[exact]))

    def aggregate(self, search):
        """The facets' aggregations; with roll-up, the region-wide documents of every Land and
        Regierungsbezirk too (`region_own`), so a Kreis or Gemeinde bucket counts what a click
        on it finds (results.facet_counts adds them)."""
        super().aggregate(search)
        if self.request.rollup:
            search.aggs["_filter_region"].bucket(
                "region_own",
                "terms",
                field="region_own",
                size=FACET_SIZES["region"],
                include="[0-9]{2,5}",
            )
        selected = self.request.filters.get("region", ())
        if selected:
            # the region counts of the current result (every filter), so a region's count can
            # say what a click adding it finds (buckets.region_click_counts)
            every = Q("match_all")
            for name, values in self.request.filters.items():
                if values:
                    every &= self.facets[name].add_filter(list(values))
            click = search.aggs.bucket("_click_region", "filter", filter=every)
            click.bucket(
                "region",
                "terms",
                field="region",
                size=FACET_SIZES["region"],
                include=region_include(selected),
            )
            if self.request.rollup:
                click.bucket(
                    "region_own",
                    "terms",
                    field="region_own",
                    size=FACET_SIZES["region"],
                    include="[0-9]{2,5}",
                )

    def highlight(self, search):
        options = search.highlight_options(**HIGHLIGHT)
        if self._query:
            # The German-analysed text fields mark what the query found (terms.* hold stems).
            marked = Q(
                "multi_match", query=self._query, fields=["title", "summary", "body", "keywords"]
            )
            options = options.highlight_options(highlight_query=marked.to_dict())
        return options.highlight("title", number_of_fragments=0).highlight(
            "summary", "body", "keywords"
        )

    def response_from(self, raw):
        """Wrap a raw Elasticsearch answer in the real response classes, as `execute()` does."""
        response = FacetedResponse(self._s, raw)
        response._faceted_search = self
        return response

    def body(self):
        """The request body that `execute()` sends."""
        return self._s.to_dict()
