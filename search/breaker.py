"""A circuit breaker for the search cluster: after repeated failures, stop asking for a while.

Why: a hung Elasticsearch made every search wait the full client timeout (2 s) before the
database answered, and every publish wait for the index write. Once `threshold` calls in a
row failed, the breaker opens: searches go straight to the database (with the notice) and
index writes stay queued (search.queue). After `cooldown` seconds one background thread
probes the cluster (a cheap request with a short timeout); success closes the breaker,
failure keeps it open for another cooldown. Requests never wait for the probe.

State is per process (each web worker finds out for itself, within `threshold` requests).
"""

import logging
import threading
import time

logger = logging.getLogger("search")

CLOSED, OPEN = "closed", "open"


class Breaker:
    def __init__(self, name, threshold=3, cooldown=30.0, probe=None):
        self.name = name
        self.threshold = threshold
        self.cooldown = cooldown
        self.probe = probe  # callable that raises (or returns False) while the cluster is bad
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at = None
        self._probing = False

    @property
    def state(self):
        return OPEN if self._opened_at is not None else CLOSED

    def allow(self):
        """True if a call may go to the cluster now; when open and cooled down, start a probe."""
        with self._lock:
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
