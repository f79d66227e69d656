"""Work collected during a transaction and done once, after it commits (public Django API only).

Key concepts: `CommitBatch(work).add(items)` queues `items` (a dict) and registers its own
`transaction.on_commit` hook for every call; all hooks of a transaction share one batch, which
only they hold (the batch keeps a weak reference), so Django's savepoint handling keeps or drops
it with them: the first hook to run does `work(items)` for the whole batch, the others find it
done. Outside a transaction the hook runs at once. A hook registered later (a test's
`captureOnCommitCallbacks`) also does what was queued before it. Used by search indexing and the
page cache.
"""

import weakref
from functools import partial

from django.db import DEFAULT_DB_ALIAS, connections, transaction


class _Batch(dict):
    """Items waiting for one commit; a dict subclass, so that it can be referenced weakly."""

    pending = False


class CommitBatch:
    def __init__(self, work):
        self.work = work  # work(items: dict), called once per committed batch
        self._open = weakref.WeakKeyDictionary()  # connection (one per thread) -> batch ref

    def open_batch(self):
        """The batch the current transaction is filling, or None."""
        ref = self._open.get(connections[DEFAULT_DB_ALIAS])
        return ref() if ref is not None else None

    def add(self, items=None):
        batch = self.open_batch()
        if batch is None:
            batch = _Batch()
            self._open[connections[DEFAULT_DB_ALIAS]] = weakref.ref(batch)
        batch.update(items or {})
        batch.pending = True
        transaction.on_commit(partial(self.run, batch))

    def run(self, batch):
        """A commit hook: the work for everything its batch holds (nothing if done already)."""
        if self.open_batch() is batch:
            del self._open[connections[DEFAULT_DB_ALIAS]]  # later changes wait for their commit
        if not batch.pending:
            return
        items = dict(batch)
        batch.clear()
        batch.pending = False
        self.work(items)
