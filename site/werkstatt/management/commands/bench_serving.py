"""Serving benchmark: gunicorn (4 workers, production settings) on the demo content under load.

Key concepts: the configured database (DATABASE_URL) must hold the demo content (`make demo`).
The server runs twice, once with the page cache and once without (PAGE_CACHE_SECONDS=0), and
then a stock Wagtail project made on the spot (`werkstatt.management.stock_wagtail`: `wagtail
start`, its own scratch database, dropped afterwards) runs under the same gunicorn settings, so
"uncached `/` at least as fast as a stock Wagtail home page" is measured in the same run. A
load generator on this machine drives each URL: Debian's `wrk` if installed, otherwise a
small keep-alive client in Python (slower: it competes with the server for the same cores).
Not a test: figures depend on the machine; the README keeps the table of one quiet run.
"""

import contextlib
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

from ..stock_wagtail import PROJECT, StockWagtailSite

ROOT = Path(settings.BASE_DIR)
CACHED, UNCACHED, STOCK = "mit Seiten-Cache", "ohne Seiten-Cache", "Stock-Wagtail"
HELLO = "Django hello-world"
HOME_UNCACHED = "`/` ohne Cache"
STOCK_HOME = "Stock-Wagtail-Projekt, Startseite (gleiche Servereinstellungen)"


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


def _body(port, path):
    """The body of one GET on a new connection (a new connection may reach any worker)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode()
    except OSError:
        return None
    finally:
        connection.close()


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


@contextlib.contextmanager
def collected_static():
    """A temporary STATIC_ROOT with collectstatic run (the bench settings' manifest storage)."""
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
        yield static_root


class Server:
    """gunicorn with deploy/gunicorn.conf.py and 4 workers: Werkstatt with the bench settings,
    or (`app`, `directory`, `env`) another project under exactly the same server settings."""

    def __init__(
        self,
        static_root,
        page_cache,
        app=None,
        directory=None,
        env=None,
        ready="/bench/hallo/",
        workers=4,
    ):
        self.port = _free_port()
        env = (
            dict(env)
            if env
            else dict(os.environ, DJANGO_SETTINGS_MODULE="werkstatt.settings.bench")
        )
        env.update(
            SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-" + "x" * 50,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            STATIC_ROOT=str(static_root),
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS=str(workers),
            GUNICORN_ACCESSLOG="/dev/null",
            GUNICORN_LOGLEVEL="warning",
            PAGE_CACHE_SECONDS="600" if page_cache else "0",
        )
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
        if app:  # command-line options win over the config file; everything else stays
            command += ["--chdir", str(directory), "--pythonpath", str(directory), app]
        # The stock project's cwd: gunicorn puts its start directory on sys.path, and both
        # projects have a top-level `search` package.
        self.process = subprocess.Popen(  # noqa: S603 (the venv's gunicorn, fixed arguments)
            command, env=env, cwd=directory or ROOT
        )
        self._wait_for_workers(int(env["GUNICORN_WORKERS"]), ready)

    def _wait_for_workers(self, count, ready):
        """Until every worker has loaded the application: a worker still booting takes seconds
        of CPU from the others, which made the first URL measured far too slow."""
        deadline = time.monotonic() + 180
        seen = set()
        while len(seen - {None}) < count:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise CommandError(
                    f"gunicorn startet nicht ({len(seen - {None})} von {count} Workern)"
                )
            threads = [
                threading.Thread(target=lambda: seen.add(_body(self.port, "/bench/worker/")))
                for _ in range(count * 2)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            time.sleep(0.5)
        if _status(self.port, ready)[0] != 200:
            self.stop()
            raise CommandError(f"{ready}: keine Antwort 200")

    def stop(self):
        if self.process.poll() is None:
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
        before = " / ".join(f"{value:.2f}" for value in os.getloadavg())
        self.stdout.write(
            f"Lastgenerator: {'wrk' if load is _wrk_load else 'Python'}, {connections} Verbindungen, "
            f"{seconds} s je URL; Datenbank: {settings.DATABASES['default']['ENGINE']}; "
            f"Cache: {settings.CACHES['default']['BACKEND']}; Nahcache je Worker: "
            f"{settings.NEAR_CACHE_ENTRIES} (auch ohne Seiten-Cache); Load average vorher: {before}"
        )
        facets = f"/suche/?art=werkzeug&handlungsfeld={field.slug}"
        # (server, label, path); servers: Werkstatt with and without page cache, stock Wagtail
        plan = [
            (CACHED, HELLO, "/bench/hallo/"),
            (CACHED, "`/` aus dem Cache", "/"),
            (CACHED, "Werkzeugseite aus dem Cache", tool.url),
            (UNCACHED, HOME_UNCACHED, "/"),
            (UNCACHED, "Werkzeugseite ohne Cache", tool.url),
            (UNCACHED, "`/suche/?q=Pflege`", "/suche/?q=Pflege"),
            (UNCACHED, "`/suche/` mit zwei Facetten", facets),
            (STOCK, STOCK_HOME, "/"),
        ]
        results = {}
        with collected_static() as static_root:
            for server_kind in (CACHED, UNCACHED):
                server = Server(static_root, page_cache=server_kind == CACHED)
                try:
                    self._measure(server, server_kind, plan, load, seconds, connections, results)
                finally:
                    server.stop()
        self.stdout.write("Stock-Wagtail-Projekt wird erzeugt (wagtail start, migrate) …")
        with StockWagtailSite() as stock:
            server = Server(
                stock.directory / "static",
                page_cache=False,
                app=f"{PROJECT}.wsgi:application",
                directory=stock.directory,
                env=stock.env,
                ready="/",
            )
            try:
                self._measure(server, STOCK, plan, load, seconds, connections, results)
            finally:
                server.stop()
        self._report(plan, results)

    @staticmethod
    def _measure(server, server_kind, plan, load, seconds, connections, results):
        for kind, label, path in plan:
            if kind != server_kind:
                continue
            status = _status(server.port, path)[0]
            if status != 200:
                raise CommandError(f"{label}: HTTP {status}")
            load(server.port, path, 2, connections)  # warm-up
            cache_state = _status(server.port, path)[1]
            if kind == CACHED and label != HELLO and cache_state != "hit":
                raise CommandError(f"{path}: nicht aus dem Cache ({cache_state})")
            results[label] = (load(server.port, path, seconds, connections), cache_state or "–")

    def _report(self, plan, results):
        hello = results[HELLO][0]
        self.stdout.write(
            "\n| Seite | Anfragen/s | × hello-world | X-Werkstatt-Cache |\n|---|---|---|---|"
        )
        for _, label, _ in plan:
            rate, cache_state = results[label]
            self.stdout.write(f"| {label} | {rate:,.1f} | {rate / hello:.3f} | {cache_state} |")
        home, stock = results[HOME_UNCACHED][0], results[STOCK_HOME][0]
        verdict = "erreicht" if home >= stock else "verfehlt"
        self.stdout.write(
            f"\n`/` ohne Cache: {home / hello:.3f} × hello-world, Stock-Wagtail-Startseite: "
            f"{stock / hello:.3f} × hello-world; `/` ohne Cache = {home / stock:.2f} × Stock-Wagtail "
            f"(Ziel ≥ 1: {verdict})"
        )
        after = " / ".join(f"{value:.2f}" for value in os.getloadavg())
        self.stdout.write(f"Load average nachher: {after}")
