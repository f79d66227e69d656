"""A new gunicorn worker warms the search before its first request (post_worker_init)."""

import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

from search.backends.database import columns

from .conftest import CORPUS, index_corpus

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


@pytest.mark.django_db
def test_post_worker_init_loads_the_snapshot_before_any_request(stolberg, caplog):
    index_corpus("database", CORPUS)
    columns._snapshots.clear()  # as in a fresh worker
    config = runpy.run_path(str(CONFIG))
    hook = config["post_worker_init"]
    # gunicorn's worker as the hook reads it: the application it serves
    hook(worker=SimpleNamespace(app=SimpleNamespace(app_uri="stock.wsgi:application")))
    assert not columns._snapshots  # another project served with this file is left alone
    with caplog.at_level(logging.ERROR, logger="search"):
        hook(worker=SimpleNamespace(app=SimpleNamespace(app_uri=config["wsgi_app"])))
    assert not caplog.records, caplog.text
    assert columns._snapshots  # loaded in the hook, not in a visitor's search
    (snapshot,) = columns._snapshots.values()
    assert len(snapshot) == len(CORPUS)
