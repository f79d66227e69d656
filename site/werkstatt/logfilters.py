"""Logging filters: a failing dependency (Redis, Elasticsearch) must not flood the log.

`OncePerInterval` lets one record per logger and message through per interval and notes how
many were held back since, so an outage shows up once a minute instead of once per request.
"""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    def __init__(self, seconds=60, name=""):
        super().__init__(name)
        self.seconds = float(seconds)
        self._lock = threading.Lock()
        self._last = {}  # (logger, message) -> (monotonic time let through, held back since)

    def reset(self):
        """Forget what was let through: the next record of each kind passes again."""
        with self._lock:
            self._last.clear()

    def filter(self, record):
        key = (record.name, record.msg)
        now = time.monotonic()
        with self._lock:
            last, held = self._last.get(key, (None, 0))
            if last is not None and now - last < self.seconds:
                self._last[key] = (last, held + 1)
                return False
            self._last[key] = (now, 0)
        if held:
            record.msg = f"{record.msg} ({held} gleiche Meldungen zurückgehalten)"
        return True
