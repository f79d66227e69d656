"""Serving benchmark: gunicorn (4 workers, production settings) on the demo content under load.

Key concepts: the configured database (DATABASE_URL) must hold the demo content (`make demo`).
The server runs twice, once with the page cache and once without (PAGE_CACHE_SECONDS=0), and
a load generator on this machine drives each URL: Debian's `wrk` if installed, otherwise a
small keep-alive client in Python (slower: it competes with the server for the same cores).
Not a test: figures depend on the machine; the README keeps the table of one quiet run.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

ROOT = Path(settings.BASE_DIR)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response.getheader("X-Werkstatt-Cache", "")


def _python_load(port, path, seconds, connections):
    """Requests/s of `connections` keep-alive clients in threads (used when wrk is missing)."""
    stop = time.monotonic() + seconds
    counts = []

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        done = 0
        while time.monotonic() < stop:
            connection.request("GET", path)
            connection.getresponse().read()
            done += 1
        counts.append(done)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def _wrk_load(port, path, seconds, connections):
    output = subprocess.run(  # noqa: S603 (fixed arguments, our own URL)
        [
            shutil.which("wrk"),
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise CommandError(f"{path}: {errors.group(1)} Fehlerantworten unter Last")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


class Server:
    """gunicorn with deploy/gunicorn.conf.py, 4 workers, the bench settings."""

    def __init__(self, static_root, page_cache):
        self.port = _free_port()
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="werkstatt.settings.bench",
            SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-" + "x" * 50,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            STATIC_ROOT=str(static_root),
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS="4",
            GUNICORN_ACCESSLOG="/dev/null",
            GUNICORN_LOGLEVEL="warning",
            PAGE_CACHE_SECONDS="600" if page_cache else "0",
        )
        self.env = env
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603 (the venv's gunicorn, fixed arguments)
            [str(gunicorn), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")], env=env
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                if _status(self.port, "/bench/hallo/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.5)
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise CommandError("gunicorn startet nicht")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


class Command(BaseCommand):
    help = "Misst Anfragen/s von gunicorn (4 Worker) mit und ohne Seiten-Cache."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=10, help="Dauer je URL")
        parser.add_argument("--connections", type=int, default=16)

    def handle(self, seconds, connections, **options):
        from catalogue.models import ToolPage
        from taxonomy.models import ActionField

        tool = ToolPage.objects.live().order_by("path").first()
        field = ActionField.objects.order_by("sort_order").first()
        if tool is None or field is None:
            raise CommandError("Keine Demo-Inhalte: erst `make demo` (load_demo, rebuild_search).")
        load = _wrk_load if shutil.which("wrk") else _python_load
        loadavg = " / ".join(f"{value:.2f}" for value in os.getloadavg())
        self.stdout.write(
            f"Lastgenerator: {'wrk' if load is _wrk_load else 'Python'}, {connections} Verbindungen, "
            f"{seconds} s je URL; Datenbank: {settings.DATABASES['default']['ENGINE']}; "
            f"Cache: {settings.CACHES['default']['BACKEND']}; Load average vorher: {loadavg}"
        )
        facets = f"/suche/?art=werkzeug&handlungsfeld={field.slug}"
        plan = [
            (True, "Django hello-world", "/bench/hallo/"),
            (True, "`/` aus dem Cache", "/"),
            (True, "Werkzeugseite aus dem Cache", tool.url),
            (False, "`/` ohne Cache", "/"),
            (False, "Werkzeugseite ohne Cache", tool.url),
            (False, "`/suche/?q=Pflege`", "/suche/?q=Pflege"),
            (False, "`/suche/` mit zwei Facetten", facets),
        ]
        results = {}
        with tempfile.TemporaryDirectory(prefix="werkstatt-bench-static-") as static_root:
            env = dict(os.environ, DJANGO_SETTINGS_MODULE="werkstatt.settings.bench")
            env.setdefault("SECRET_KEY", "bench-" + "x" * 50)
            env.update(STATIC_ROOT=static_root, ALLOWED_HOSTS="127.0.0.1")
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
            for cached in (True, False):
                server = Server(static_root, page_cache=cached)
                try:
                    for use_cache, label, path in plan:
                        if use_cache != cached:
                            continue
                        status = _status(server.port, path)[0]
                        if status != 200:
                            raise CommandError(f"{path}: HTTP {status}")
                        load(server.port, path, 2, connections)  # warm-up
                        cache_state = _status(server.port, path)[1]
                        if cached and path != "/bench/hallo/" and cache_state != "hit":
                            raise CommandError(f"{path}: nicht aus dem Cache ({cache_state})")
                        rate = load(server.port, path, seconds, connections)
                        results[label] = (path, rate, cache_state)
                finally:
                    server.stop()
        hello = results["Django hello-world"][1]
        self.stdout.write(
            "\n| Seite | Anfragen/s | × hello-world | X-Werkstatt-Cache |\n|---|---|---|---|"
        )
        for _, label, _ in plan:
            path, rate, cache_state = results[label]
            self.stdout.write(f"| {label} | {rate:,.1f} | {rate / hello:.3f} | {cache_state} |")
        loadavg = " / ".join(f"{value:.2f}" for value in os.getloadavg())
        self.stdout.write(f"\nLoad average nachher: {loadavg}")
