"""What every search backend implements; `search.backends.get_backend()` picks one from settings.

Key concepts: the `SearchDocument` projection in the database is the source of truth. A backend
receives `DocumentData` (one projection row as plain data, region values already including
every ancestor code) to index, and answers a `SearchRequest` with a `SearchResponse`.
The database backend reads the projection directly; Elasticsearch mirrors it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..contract import DAY, PUBLIC, SearchRequest, SearchResponse


@dataclass
class DocumentData:
    key: str  # "app_label.model:pk"
    kind: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    # Names of the document's action fields, target groups, tags and regions (with ancestors):
    # searchable text, so "Pflege" or "Bayern" in the search box finds what is filed there.
    keywords: str = ""
    date: datetime.date | None = None
    date_precision: str = DAY  # DAY or YEAR (only the year of `date` is meant)
    visibility: str = PUBLIC
    region_label: str = ""
    action_field_colour: str = ""
    facets: dict[str, list[str]] = field(
        default_factory=dict
    )  # facet -> values (regions with ancestors)


class SearchBackend:
    name = "base"

    def search(self, request: SearchRequest) -> SearchResponse:
        raise NotImplementedError

    def autocomplete(self, prefix: str, viewer: str = PUBLIC, limit: int = 8) -> list[str]:
        """Titles starting with (a word starting with) `prefix`, for the search box."""
        raise NotImplementedError

    def index(self, documents: Iterable[DocumentData]) -> int:
        """Add or replace documents; returns how many were written."""
        raise NotImplementedError

    def delete(self, keys: Iterable[str]) -> None:
        raise NotImplementedError

    def rebuild(self, documents: Iterable[DocumentData], progress=None) -> int:
        """Replace the whole index with `documents` (Elasticsearch: new index, then alias switch)."""
        raise NotImplementedError

    def indexed_keys(self) -> dict[str, str]:
        """key -> a fingerprint of the indexed content, for `check_search` drift reports."""
        raise NotImplementedError

    def fingerprint(self, document: DocumentData) -> str:
        """The fingerprint `indexed_keys()` reports for `document` (check_search compares them).

        Backends that store a fingerprint of their own override this with the same function.
        """
        from ..indexing import fingerprint

        return fingerprint(document)
