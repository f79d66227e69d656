"""Tests: fast hashing, media in a temporary folder, same database switch as everywhere."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="werkstatt-media-")
# A test run's page cache generation is its own (a dev server on the same checkout bumps var/).
PAGE_CACHE_TOKEN_FILE = Path(tempfile.mkdtemp(prefix="werkstatt-pagecache-")) / "token"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Search tests run on the database backend unless a test opts into Elasticsearch.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Queued index changes are sent in the commit hook, so tests see them without threads.
SEARCH_QUEUE_DRAIN = "inline"
