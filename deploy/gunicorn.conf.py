"""gunicorn configuration: `gunicorn -c deploy/gunicorn.conf.py` from anywhere, no other flags.

Key concepts: site/ is a source root (not a package), so this file puts it on gunicorn's
`pythonpath`; every value can be overridden from the environment (systemd unit, shell), e.g.
GUNICORN_BIND=unix:/run/werkstatt/gunicorn.sock or GUNICORN_WORKERS=4.
"""

import multiprocessing
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

wsgi_app = "werkstatt.wsgi:application"
pythonpath = f"{ROOT / 'site'},{ROOT}"
chdir = str(ROOT)
raw_env = [
    f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'werkstatt.settings.production')}"
]

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# Synchronous workers: pages are CPU-bound Python; two per core plus one is gunicorn's advice.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, as a guard against slow leaks. Loading the
# application and the search snapshot costs a worker seconds of CPU, so the bound is high and
# the jitter wide: with 2,000 ± 200 all four workers restarted within seconds of each other
# every ~13 s under the serving benchmark's load, and requests stalled meanwhile.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 4
# Each worker loads the application itself: no database connection or search snapshot is
# ever shared between forked processes.
preload_app = False
# The reverse proxy on the same host sets X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")


def post_worker_init(worker):
    """Before a new worker (start, reload, max_requests recycle) takes its first request: one
    search loads the search snapshot and the German analysis, so no visitor waits for that.
    Not for another application served with this file (bench_serving's stock Wagtail)."""
    if getattr(worker.app, "app_uri", wsgi_app) != wsgi_app:
        return
    from search.views import warm

    warm()
