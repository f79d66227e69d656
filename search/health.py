"""The search part of /healthz: which backend, its breaker, and how many changes wait."""

from .backends import active_backend_name, get_backend
from .queue import pending


def status():
    """{"ok", "backend", "breaker", "queue"}; probes a cluster once (short timeout) if its
    breaker is closed, so an idle site still notices an outage."""
    name = active_backend_name()
    result = {"backend": name, "breaker": None, "queue": 0, "ok": True}
    if name == "database":
        return result
    result["queue"] = pending()
    breaker = getattr(get_backend(name), "breaker", None)
    if breaker is not None:
        if breaker.allow():
            breaker.check_now()
        result["breaker"] = breaker.snapshot()
        result["ok"] = result["breaker"]["state"] == "closed"
    return result
