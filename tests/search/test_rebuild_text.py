"""A rebuild stores for every document the vectors a single-threaded analysis computes
(issue 24, point 0): real German text with tens of thousands of distinct words, so the
analysis caches miss as on a real site (the synthetic benchmark corpus hid the corruption)."""

import random

import pytest
from django.db import connection
from wordfreq import top_n_list

from search.backends import get_backend
from search.bench.runner import clear_analysis_caches
from search.indexing import to_document_data
from search.registry import IndexDocument

WORDS = [word for word in top_n_list("de", 40_000) if word.isalpha()]


def german_documents(count, seed=24):
    """`count` tools whose texts draw on the 40,000 most frequent German words."""
    pick = random.Random(seed)

    def text(length):
        return " ".join(pick.choice(WORDS).capitalize() for _ in range(length))

    for number in range(count):
        yield to_document_data(
            f"test.german:{number}",
            IndexDocument(
                kind="werkzeug",
                title=f"{text(4)} {number}",
                url=f"/werkzeuge/{number}/",
                summary=text(20),
                body=text(120),
            ),
        )


@pytest.mark.django_db(transaction=True)  # the rebuild runs alone: PostgreSQL's worker threads
def test_a_rebuild_stores_what_one_thread_computes():
    backend = get_backend("database")
    clear_analysis_caches()
    assert backend.rebuild(german_documents(3_000)) == 3_000
    clear_analysis_caches()
    assert backend.wrong_texts() == []


@pytest.mark.django_db(transaction=True)
def test_verify_names_a_document_whose_stored_text_was_changed():
    backend = get_backend("database")
    backend.rebuild(german_documents(20))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE search_text SET search_vector = to_tsvector('simple', 'fremd') "
                "WHERE document_id = (SELECT id FROM search_searchdocument WHERE key = %s)",
                ["test.german:7"],
            )
        else:
            cursor.execute(
                "UPDATE search_fts SET body = 'fremd' "
                "WHERE rowid = (SELECT id FROM search_searchdocument WHERE key = %s)",
                ["test.german:7"],
            )
    assert backend.wrong_texts() == ["test.german:7"]
