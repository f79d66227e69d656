"""One content version for every process, renewed by every change to what the site shows.

Key concepts: everything cached across requests (whole pages, fragments, navigation, view
restrictions, labels) is keyed by the *content version*, a token in Django's cache
(CONTENT_CACHE_ALIAS: Redis in production, else a file cache under VAR_DIR, so that every
process of the installation reads the same token). Nothing is deleted: old entries are never
asked for again and expire. The version is renewed, without a list of apps to
remember, by a save, delete or m2m change of any model but the bookkeeping in IGNORED (raw saves
of `loaddata` included), Wagtail's publish, unpublish and move, every `migrate`, and
`manage.py renew_content_version` for writes that send no signal (`QuerySet.update()`, raw
SQL, a restored dump). Inside a transaction it is renewed once now (only if this process stored
something since its last renewal: that may show the change before the commit) and once after
the commit, however many rows the transaction writes.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from .aftercommit import CommitBatch

logger = logging.getLogger("werkstatt.cache")  # rate-limited in LOGGING

VERSION_KEY = "content-version"

# Written on logins, saves and first views; no public page shows them (apps or models). A
# rendition is made by the first page showing an image in a size; the image's save renews.
IGNORED = {"sessions", "admin", "axes", "werkstatt.ratelimithit", "wagtailimages.rendition"}
IGNORED |= {
    f"wagtailcore.{name}"
    for name in ("revision", "pagelogentry", "modellogentry", "referenceindex")
    + ("workflowstate", "taskstate", "pagesubscription", "uploadedfile")
}


def cache():
    return caches[settings.CONTENT_CACHE_ALIAS]


def current():
    """The content version, or None when the cache cannot be reached (then nothing is kept).
    A new one is made when none exists (first start, cache flushed or evicted)."""
    found = cache().get(VERSION_KEY)
    if found is None:
        cache().add(VERSION_KEY, uuid.uuid4().hex, None)
        found = cache().get(VERSION_KEY)
    return found


# How often this process renewed the version: a request re-reads it after a renewal of its own.
renewals = 0
# Whether this process kept something since its last renewal (see the module's docstring).
_stored_since_renewal = True


def _renew_now():
    global renewals, _stored_since_renewal
    renewals += 1
    _stored_since_renewal = False
    try:
        cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # the cache is down: pages still work; entries expire on their own
        logger.exception("Inhaltsversion konnte nicht erneuert werden")


_after_commit = CommitBatch(lambda items: _renew_now())


def note_stored():
    """Something was kept under the current version by this process."""
    global _stored_since_renewal
    _stored_since_renewal = True


def renew(**kwargs):
    """Make every cached page, fragment and value old: now, and after the current commit."""
    committed = transaction.get_autocommit()  # no transaction: the change is committed already
    if committed or _stored_since_renewal:
        _renew_now()
    if not committed:
        _after_commit.add()


def _shows(model):
    return not {model._meta.app_label, model._meta.label_lower} & IGNORED


def _on_change(sender, update_fields=None, action="post_", **kwargs):
    # A login writes the user's last_login and nothing else a page shows.
    if action.startswith("post_") and _shows(sender) and update_fields != {"last_login"}:
        renew()


def connect():
    """Called from WerkstattConfig.ready()."""
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_change, dispatch_uid="contentversion-save")
    post_delete.connect(_on_change, dispatch_uid="contentversion-delete")
    m2m_changed.connect(_on_change, dispatch_uid="contentversion-m2m")
    for signal in (page_published, page_unpublished, post_page_move, post_migrate):
        signal.connect(renew, dispatch_uid=f"contentversion-{id(signal)}")
