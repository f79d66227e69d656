"""A circuit breaker for the search cluster: after repeated failures, stop asking for a while.

Why: a hung Elasticsearch made every search wait the full client timeout (2 s) before the
database answered, and every publish wait for the index write. Once `threshold` calls in a
row failed, the breaker opens: searches go straight to the database (with the notice) and
index writes stay queued (search.queue). After `cooldown` seconds one background thread
probes the cluster (a cheap request with a short timeout); success closes the breaker,
failure keeps it open for another cooldown. Requests never wait for the probe.

State is per process, and shared through Django's cache when that is shared (Redis): the
worker whose breaker opens writes until when it stays open, and every other worker reads that
(at most once per `share_interval` seconds), so the other workers do not each pay `threshold`
timeouts first; a worker whose probe succeeds deletes it, and the others close too. Without a
shared cache (or with Redis down: every cache call is a miss) each worker finds out for itself.
"""

import logging
import threading
import time

from django.core.cache import cache

logger = logging.getLogger("search")

CLOSED, OPEN = "closed", "open"


class Breaker:
    def __init__(self, name, threshold=3, cooldown=30.0, probe=None, share_interval=1.0):
        self.name = name
        self.threshold = threshold
        self.cooldown = cooldown
        self.probe = probe  # callable that raises (or returns False) while the cluster is bad
        self.share_interval = share_interval
        self.shared_key = f"search-breaker:{name}"
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at = None
        self._probing = False
        self._shared_read_at = None

    def _read_shared(self):
        """Adopt what another worker wrote: open until a wall-clock time, or closed (no key)."""
        now = time.monotonic()
        if self._shared_read_at is not None and now - self._shared_read_at < self.share_interval:
            return
        self._shared_read_at = now
        until = cache.get(self.shared_key)
        if until is not None and until > time.time():
            if self._opened_at is None:
                # Open as if it had opened here, with the other worker's remaining cooldown.
                self._opened_at = now - max(0.0, self.cooldown - (until - time.time()))
        elif until is None and self._opened_at is not None and not self._probing:
            self._failures, self._opened_at = 0, None  # another worker's probe succeeded

    def _write_shared(self, open_):
        if open_:
            cache.set(self.shared_key, time.time() + self.cooldown, timeout=int(self.cooldown) + 5)
        else:
            cache.delete(self.shared_key)

    @property
    def state(self):
        return OPEN if self._opened_at is not None else CLOSED

    def allow(self):
        """True if a call may go to the cluster now; when open and cooled down, start a probe."""
        with self._lock:
            self._read_shared()
            if self._opened_at is None:
                return True
            due = time.monotonic() - self._opened_at >= self.cooldown
            if due and not self._probing and self.probe is not None:
                self._probing = True
                threading.Thread(target=self._run_probe, daemon=True, name="search-probe").start()
            return False

    def success(self):
        with self._lock:
            was_open = self._opened_at is not None
            self._failures, self._opened_at = 0, None
        if was_open:
            self._write_shared(False)
            logger.warning("search: %s antwortet wieder; Schutzschalter geschlossen", self.name)

    def failure(self):
        with self._lock:
            self._failures += 1
            if self._opened_at is None and self._failures >= self.threshold:
                self._opened_at = time.monotonic()
                opened = True
            else:
                opened = False
                if self._opened_at is not None:
                    self._opened_at = time.monotonic()  # still failing: wait a full cooldown
            still_open = self._opened_at is not None
        if still_open:
            self._write_shared(True)
        if opened:
            logger.error(
                "search: %s hat %d-mal nicht geantwortet; Schutzschalter offen für %.0f s "
                "(Suche aus der Datenbank, Indexänderungen warten in der Warteschlange)",
                self.name,
                self._failures,
                self.cooldown,
            )

    def check_now(self):
        """Probe synchronously (health check, drain command); returns True if the cluster answers."""
        try:
            ok = self.probe() is not False if self.probe is not None else True
        except Exception:
            ok = False
        if ok:
            self.success()
        else:
            self.failure()
        return ok

    def _run_probe(self):
        try:
            self.check_now()
        finally:
            with self._lock:
                self._probing = False

    def snapshot(self):
        """For /healthz: state, consecutive failures, seconds until the next probe."""
        with self._lock:
            retry_in = None
            if self._opened_at is not None:
                retry_in = max(0.0, self.cooldown - (time.monotonic() - self._opened_at))
            return {
                "state": OPEN if self._opened_at is not None else CLOSED,
                "failures": self._failures,
                "retry_in_seconds": None if retry_in is None else round(retry_in, 1),
            }
