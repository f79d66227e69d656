"""One writer at a time for work that reads, decides and writes (imports into one catalogue).

Why: two imports of the same file at once both see "no such tool yet" and both create it; the
loser then died with a raw IntegrityError. `exclusive(name)` opens a transaction that holds
a lock for `name` until it commits: a PostgreSQL advisory transaction lock, or on SQLite the
database's write lock, which every transaction takes at its start (BEGIN IMMEDIATE, the
`transaction_mode` in settings). A second caller waits up to `wait` seconds
(settings.WERKSTATT_LOCK_WAIT), then gets `Busy` with a German message.
"""

import hashlib
import time
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext as _

POLL_SECONDS = 0.2


class Busy(Exception):
    """Someone else holds the lock; `message` says so in German."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def lock_key(name):
    """A signed 64-bit number for pg_advisory_xact_lock, stable across processes."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def _try_lock(name):
    if connection.vendor != "postgresql":
        return True  # SQLite: BEGIN IMMEDIATE took the database's write lock already
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [lock_key(name)])
        return bool(cursor.fetchone()[0])


@contextmanager
def exclusive(name, label, wait=None):
    """A transaction in which no other `exclusive(name)` runs; `label` names the work for people."""
    wait = settings.WERKSTATT_LOCK_WAIT if wait is None else wait
    deadline = time.monotonic() + wait
    while True:
        with ExitStack() as stack:
            try:
                stack.enter_context(transaction.atomic())
            except OperationalError as error:  # SQLite: another writer holds the database
                if "locked" not in str(error):
                    raise
            else:
                if _try_lock(name):
                    yield
                    return
        if time.monotonic() >= deadline:
            raise Busy(
                _(
                    "Gerade läuft schon ein Import in „%(label)s“. Es wurde nichts geschrieben; "
                    "bitte in einigen Minuten erneut versuchen."
                )
                % {"label": label}
            )
        time.sleep(POLL_SECONDS)
