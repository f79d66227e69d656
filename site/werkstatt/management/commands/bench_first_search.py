"""The first search of a fresh gunicorn worker, over several worker starts.

Key concepts: a worker loads its search snapshot and the German analysis (word frequencies,
stemmer, synonyms) on its first search; deploy/gunicorn.conf.py does that in
`post_worker_init`, before the worker takes requests. This starts gunicorn (bench settings, one
worker, the configured database with the demo content) `--restarts` times, waits until the
worker has answered a non-search URL, and times its first and second search. Not a test.
"""

import statistics
import time

from django.core.management.base import BaseCommand

from .bench_serving import Server, _status, collected_static


class Command(BaseCommand):
    help = "Misst die erste und zweite Suche frisch gestarteter gunicorn-Worker."

    def add_arguments(self, parser):
        parser.add_argument("--restarts", type=int, default=5)
        parser.add_argument("--path", default="/suche/?q=Pflege")

    def handle(self, restarts, path, **options):
        first, second = [], []
        with collected_static() as static_root:
            for number in range(restarts):
                server = Server(static_root, page_cache=False, workers=1)
                try:
                    for into in (first, second):
                        started = time.perf_counter()
                        status, _cache = _status(server.port, path)
                        into.append((time.perf_counter() - started) * 1000)
                        assert status == 200, status  # noqa: S101 - a benchmark, not a check
                finally:
                    server.stop()
                self.stdout.write(
                    f"  Start {number + 1}: erste Suche {first[-1]:.1f} ms, "
                    f"zweite {second[-1]:.1f} ms"
                )
        for label, values in (("erste", first), ("zweite", second)):
            self.stdout.write(
                f"{path} {label} Suche: Median {statistics.median(values):.1f} ms, "
                f"max {max(values):.1f} ms ({restarts} Starts)"
            )
