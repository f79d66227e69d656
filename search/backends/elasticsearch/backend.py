"""`ElasticsearchBackend`: the contract's `SearchBackend` on an Elasticsearch cluster.

Key concepts:

* Versioned indices behind an alias: `rebuild()` creates `<alias>-v<timestamp>`, bulk-loads it
  with `streaming_bulk`, then moves the alias in ONE `update_aliases` call (searches never
  see an empty or half-filled index) and deletes the old indices.
* A short client timeout (settings.ELASTICSEARCH_TIMEOUT, about 2 s) and no retries: when
  the cluster fails, every call raises `ElasticsearchUnavailable`. Callers decide: search
  answers from the database, index writes stay in the outbox (search.queue) and are retried.
  `breaker` (search.breaker) counts failures so that a failing cluster is skipped for a while.
* Shards and replicas come from settings (ELASTICSEARCH_SHARDS, ELASTICSEARCH_REPLICAS).
"""

import logging
from contextlib import contextmanager
from datetime import UTC, datetime

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.helpers import BulkIndexError, scan, streaming_bulk

from ...breaker import Breaker
from ...text import stems
from ..base import DocumentData, SearchBackend
from .documents import FACET_FIELDS, WERKSTATT_INDEX
from .faceted import ALL_WORDS, WerkstattSearch, coverage
from .results import to_search_response

logger = logging.getLogger("search")
ANALYSED = ("title", "summary", "keywords", "body")


class ElasticsearchUnavailable(Exception):
    """Elasticsearch did not answer usefully (connection refused, timeout, 5xx, missing index)."""


@contextmanager
def unavailable_on_failure(action):
    try:
        yield
    except (TransportError, ApiError, BulkIndexError) as error:
        raise ElasticsearchUnavailable(f"Elasticsearch {action}: {error}") from error


def to_source(doc: DocumentData):
    """The indexed JSON of one document (facet fields as keyword arrays)."""
    from ...indexing import fingerprint  # the projection's fingerprint, so check_search compares

    source = {
        "key": doc.key,
        "kind": doc.kind,
        "title": doc.title,
        "summary": doc.summary,
        "body": doc.body,
        "keywords": doc.keywords,
        "terms": {part: stems(getattr(doc, part)) for part in ANALYSED},
        "url": doc.url,
        "date": doc.date.isoformat() if doc.date else None,
        "date_precision": doc.date_precision,
        "visibility": doc.visibility,
        "region_label": doc.region_label,
        "action_field_colour": doc.action_field_colour,
        "fingerprint": fingerprint(doc),
    }
    for name in FACET_FIELDS:
        source[name] = sorted(set(doc.facets.get(name, ())))
    regions = source["region"]
    source["region_own"] = [
        c for c in regions if not any(o.startswith(c) and o != c for o in regions)
    ]
    if not source["art"]:
        source["art"] = [doc.kind]
    return source


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url=None, alias=None, timeout=None, client=None):
        self.url = url if url is not None else settings.ELASTICSEARCH_URL
        self.alias = alias or settings.ELASTICSEARCH_INDEX
        self.timeout = timeout if timeout is not None else settings.ELASTICSEARCH_TIMEOUT
        self._client = client
        self.breaker = Breaker(
            self.name,
            threshold=getattr(settings, "SEARCH_BREAKER_FAILURES", 3),
            cooldown=getattr(settings, "SEARCH_BREAKER_COOLDOWN", 30.0),
            probe=self.ping,
        )

    def ping(self):
        """One cheap request with a short timeout; raises ElasticsearchUnavailable on failure."""
        with unavailable_on_failure("ping"):
            self.client.options(request_timeout=min(self.timeout, 1.0)).info()
        return True

    @property
    def client(self):
        if self._client is None:
            self._client = Elasticsearch(
                self.url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False
            )
        return self._client

    # --- index management ---------------------------------------------------------------

    def index_definition(self, name=None):
        """The `Index` (settings, analysis, mapping) under `name` (default: the alias)."""
        index = WERKSTATT_INDEX.clone(name=name or self.alias)
        index.settings(
            number_of_shards=getattr(settings, "ELASTICSEARCH_SHARDS", 1),
            number_of_replicas=getattr(settings, "ELASTICSEARCH_REPLICAS", 0),
        )
        return index

    def new_index_name(self):
        return f"{self.alias}-v{datetime.now(UTC):%Y%m%d%H%M%S%f}"

    def _ensure_alias(self):
        """Create a first index behind the alias if there is none (first publish).

        Its name is the same for every process (`<alias>-v0`): two first writes at once (a
        worker draining the outbox and `drain_search_queue`) then make one index, not two
        behind one alias; the loser's „already exists“ is expected.
        """
        if self.client.indices.exists_alias(name=self.alias):
            return
        name = f"{self.alias}-v0"
        try:
            self.index_definition(name).create(using=self.client)
        except ApiError as error:
            if "resource_already_exists_exception" not in str(error):
                raise
        self.client.indices.put_alias(index=name, name=self.alias)

    def _bulk(self, actions, progress=None):
        written = 0
        for ok, _item in streaming_bulk(
            self.client, actions, chunk_size=500, max_retries=2, ignore_status=(404,)
        ):
            written += int(ok)
            if progress is not None:
                progress.update(1)
        return written

    def rebuild(self, documents, progress=None):
        """New index, bulk load, atomic alias switch, drop the old indices (no downtime)."""
        with unavailable_on_failure("rebuild"):
            name = self.new_index_name()
            self.index_definition(name).create(using=self.client)
            actions = (
                {"_op_type": "index", "_index": name, "_id": doc.key, "_source": to_source(doc)}
                for doc in documents
            )
            written = self._bulk(actions, progress)
            self.client.indices.refresh(index=name)
            old = []
            if self.client.indices.exists_alias(name=self.alias):
                old = list(self.client.indices.get_alias(name=self.alias).body)
            switch = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            switch.append({"add": {"index": name, "alias": self.alias}})
            self.client.indices.update_aliases(actions=switch)
            for index in old:
                self.client.indices.delete(index=index)
        return written

    def index(self, documents):
        """Write documents through the alias; raises ElasticsearchUnavailable (the outbox retries)."""
        documents = list(documents)
        with unavailable_on_failure("index"):
            self._ensure_alias()
            return self._bulk(
                {
                    "_op_type": "index",
                    "_index": self.alias,
                    "_id": doc.key,
                    "_source": to_source(doc),
                }
                for doc in documents
            )

    def delete(self, keys):
        """Remove documents (missing ones are fine); raises ElasticsearchUnavailable."""
        keys = list(keys)
        with unavailable_on_failure("delete"):
            if not self.client.indices.exists_alias(name=self.alias):
                return
            self._bulk({"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys)

    def delete_confirmed(self, keys):
        """Delete and refresh, so the documents are gone from searches at once (erasure).

        True when Elasticsearch confirmed every delete (a missing document counts as deleted),
        False when it did not answer; never raises.
        """
        try:
            with unavailable_on_failure("delete"):
                if not self.client.indices.exists_alias(name=self.alias):
                    return True
                for key in keys:
                    self.client.options(ignore_status=404).delete(
                        index=self.alias, id=key, refresh=True
                    )
        except ElasticsearchUnavailable:
            logger.exception("Elasticsearch: Löschung nicht bestätigt; sie steht noch aus.")
            return False
        return True

    def indexed_keys(self):
        with unavailable_on_failure("scan"):
            if not self.client.indices.exists_alias(name=self.alias):
                return {}
            return {
                hit["_id"]: hit["_source"].get("fingerprint", "")
                for hit in scan(self.client, index=self.alias, _source=["fingerprint"], size=1000)
            }

    # --- queries -----------------------------------------------------------------------------

    def build_search(self, request, partial=False):
        return WerkstattSearch(request, index=self.alias, using=self.client, partial=partial)

    def search(self, request):
        faceted = self.build_search(request)
        with unavailable_on_failure("search"):
            raw = self.client.search(index=self.alias, body=faceted.body()).body
            strict = raw["hits"]["total"]["value"]
            if faceted.parsed.wants_partial(strict):  # no dead end, as on the database
                faceted = self.build_search(request, partial=True)
                raw = self.client.search(index=self.alias, body=faceted.body()).body
        response = to_search_response(request, faceted.response_from(raw), backend=self.name)
        partial = [
            hit.get("matched_queries", [])
            for hit in raw["hits"]["hits"]
            if ALL_WORDS not in hit.get("matched_queries", [])
        ]
        if faceted.partial and partial:  # what the best hit without all words lacks
            left_out, response.partial_q = faceted.parsed.relaxed(
                coverage(faceted.parsed, partial[0])
            )
            response.left_out, response.all_words = tuple(left_out), strict
        response.also = tuple(faceted.parsed.also)
        # „Meinten Sie“ from the projection's vocabulary, as on the database (search.suggest)
        from .. import get_backend

        response.suggestion = get_backend("database").suggestion(request.q, request.viewer, strict)
        return response

    def autocomplete_body(self, prefix, viewer, limit):
        from ...contract import PUBLIC

        body = {
            "size": limit,
            "_source": ["title"],
            "query": {
                "bool": {
                    "must": [
                        {
                            "multi_match": {
                                "query": prefix,
                                "type": "bool_prefix",
                                "fields": [
                                    "title.suggest",
                                    "title.suggest._2gram",
                                    "title.suggest._3gram",
                                ],
                            }
                        }
                    ],
                    "filter": [{"term": {"visibility": PUBLIC}}] if viewer == PUBLIC else [],
                }
            },
        }
        return body

    def autocomplete(self, prefix, viewer="public", limit=8):
        prefix = prefix.strip()
        if not prefix:
            return []
        with unavailable_on_failure("autocomplete"):
            raw = self.client.search(
                index=self.alias, body=self.autocomplete_body(prefix, viewer, limit)
            ).body
        titles = []
        for hit in raw["hits"]["hits"]:
            title = hit["_source"]["title"]
            if title not in titles:
                titles.append(title)
        return titles
