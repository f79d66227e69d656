"""Backends by name, resolved from settings like Django's cache framework.

Key concepts: `BACKENDS` maps a name to a dotted class path. `active_backend_name()` is
`settings.SEARCH_BACKEND` if set, else "elasticsearch" when `settings.ELASTICSEARCH_URL` is set,
else "database". `get_backend(name)` returns one shared instance per name; "database" means the
projection with SQLite FTS5 or PostgreSQL full-text search, whichever database is configured.
A backend that cannot be imported is logged and replaced by the database backend.
"""

import logging

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection
from django.utils.module_loading import import_string

logger = logging.getLogger("search")

BACKENDS = {
    "database": None,  # chosen by connection.vendor, see DATABASE_BACKENDS
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}
DATABASE_BACKENDS = {
    "sqlite": "search.backends.database.sqlite.SQLiteBackend",
    "postgresql": "search.backends.database.postgres.PostgresBackend",
}

_instances = {}


def active_backend_name():
    name = getattr(settings, "SEARCH_BACKEND", "") or ""
    if name:
        return name
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return "elasticsearch"
    return "database"


def get_backend(name=None):
    """The backend instance for `name` (default: the active one)."""
    name = name or active_backend_name()
    if name not in _instances:
        _instances[name] = _create(name)
    return _instances[name]


def _create(name):
    if name == "database":
        path = DATABASE_BACKENDS.get(connection.vendor)
        if path is None:
            raise ValueError(f"Keine Datenbanksuche für {connection.vendor}")
        return import_string(path)()
    if name not in BACKENDS:
        raise ValueError(f"Unbekanntes Such-Backend {name!r}; bekannt: {', '.join(BACKENDS)}")
    try:
        return import_string(BACKENDS[name])()
    except ImportError:
        logger.exception("search: Backend %s nicht verfügbar, nehme die Datenbank", name)
        return get_backend("database")


def reset_backends(**kwargs):
    """Forget the shared instances (settings changed in tests)."""
    _instances.clear()


setting_changed.connect(reset_backends)
