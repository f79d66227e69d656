"""Tests: fast hashing, media and var/ in temporary folders, same database switch as everywhere.

Every test process (each pytest-xdist worker too) gets its own folders, so parallel workers never
share a file (bound catalogue PDFs, the file cache, media)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="werkstatt-media-")
# A test process's var/ (bound catalogue PDFs, bench files, the file cache) are its
# own: not those of a dev server on the same checkout, nor of another xdist worker.
VAR_DIR = Path(tempfile.mkdtemp(prefix="werkstatt-var-"))
if not REDIS_URL:  # noqa: F405
    CACHES["default"]["LOCATION"] = VAR_DIR / "cache"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "werkstatt.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Search tests run on the database backend unless a test opts into Elasticsearch.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Tasks (outbox drain, breaker probe) run where they are enqueued, so tests see their effect.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests that need the demo accounts switch them on (tests/werkstatt/test_readme_examples.py).
WERKSTATT_DEMO_ACCOUNTS = False
