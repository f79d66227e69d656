"""The evaluation of `evaluate_search`: its data is sound and the database backend passes it."""

import pytest

from search.backends import reset_backends
from search.evaluation import runner
from search.evaluation.catalogue import TOOLS
from search.evaluation.queries import KINDS, QUERIES, TYPOS


def test_the_evaluation_is_big_enough_and_consistent():
    ids = [tool_id for tool_id, _title, _summary in TOOLS]
    assert len(ids) == len(set(ids)) >= 150
    assert len(QUERIES) >= 50 and len(TYPOS) >= 5
    assert {kind for kind, *_ in QUERIES} == set(KINDS)
    for _kind, q, must, must_not in QUERIES:
        assert must and set(must) <= set(ids) and set(must_not) <= set(ids), q
        assert not set(must) & set(must_not), q


@pytest.mark.django_db
def test_the_database_backend_passes_and_beats_stock_snowball():
    reset_backends()
    runner.index_catalogue()
    ours = runner.our_backend("database")
    result = runner.score(ours, lambda q: "")
    stock = runner.score(runner.stock_snowball())
    assert result["all"] >= 0.95 * result["queries"]
    assert result["forbidden"] == 0
    for kind in KINDS:  # never worse than stock Snowball on any kind of query
        assert result["kinds"][kind][0] >= stock["kinds"][kind][0], kind
    table = runner.format_table([("Werkstatt", result), ("Snowball (stock, FTS5)", stock)])
    assert "R@10" in table and "Snowball (stock, FTS5)" in table
    reset_backends()
