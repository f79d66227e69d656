"""Elasticsearch backend: mirrors the `SearchDocument` projection into an aliased index.

Key concepts (see the modules):

* `documents`: the `WerkstattDocument` mapping with a German analyzer (folding of umlauts and ß,
  a dictionary decompounder for common compound parts, light stemming) and index settings in
  `class Index`.
* `faceted`: `WerkstattSearch`, a `FacetedSearch` with one `TermsFacet` per contract facet
  (disjunctive counts via post_filter + filtered aggregations; visibility as a query filter).
* `backend`: `ElasticsearchBackend`, the `SearchBackend` implementation: versioned indices
  (`<alias>-v<timestamp>`) behind an alias, `streaming_bulk`, atomic alias switch, mapping of
  responses to the contract's `SearchResponse`.
"""

from .backend import ElasticsearchBackend, ElasticsearchUnavailable

__all__ = ["ElasticsearchBackend", "ElasticsearchUnavailable"]
