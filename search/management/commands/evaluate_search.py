"""Evaluate search quality: graded queries over the demo content (default), or the older
synthetic catalogue (`--catalogue`: recall@10 and precision@10 next to stock setups)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search.bench.runner import scratch_database
from search.evaluation import demo, judged, runner

MANAGE = Path(__file__).resolve().parents[3] / "manage.py"
LABELS = {"sqlite": "Werkstatt SQLite FTS5", "postgresql": "Werkstatt PostgreSQL"}


class Command(BaseCommand):
    help = (
        "Bewertet die Suche (Wegwerf-Datenbank): bewertete Anfragen über die Demo-Inhalte "
        "(search/evaluation/demo_*.json), gestellt an die Seite /suche/: success@5, recall@10, "
        "nDCG@10 und Sackgassen je Satz (blind, dev). Mit --catalogue die ältere Auswertung: "
        "66 Anfragen über 160 Werkzeuge, recall@10 und precision@10."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--postgres",
            default=os.environ.get("EVALUATE_POSTGRES_URL", ""),
            help="auch auf diesem PostgreSQL messen (z. B. postgres://postgres@127.0.0.1/wk)",
        )
        parser.add_argument(
            "--catalogue",
            action="store_true",
            help="die ältere Auswertung über 160 eigens geschriebene Werkzeuge statt der Demo",
        )
        parser.add_argument(
            "--misses", action="store_true", help="--catalogue: Fehlgriffe je System zeigen"
        )
        parser.add_argument(
            "--verbose", action="store_true", help="Demo: jede Anfrage des dev-Satzes zeigen"
        )
        parser.add_argument(
            "--show-blind",
            action="store_true",
            help="Demo: mit --verbose auch die blinden Anfragen einzeln zeigen",
        )
        parser.add_argument("--json", action="store_true", help=argparse_hidden())

    def handle(self, *args, postgres, misses, **options):
        if not options["catalogue"]:
            self.demo(postgres, options)
            return
        as_json = options["json"]
        results = self.here()
        if postgres and connection.vendor != "postgresql":
            results += self.elsewhere(postgres)
        elif connection.vendor != "postgresql":
            results.append((LABELS["postgresql"], "nicht gemessen (--postgres URL angeben)"))
        if as_json:
            self.stdout.write(_dumps(results))
            return
        results.sort(key=lambda item: _ORDER.index(item[0]) if item[0] in _ORDER else 99)
        self.stdout.write(runner.format_table(results))
        if misses:
            self.stdout.write(runner.format_misses(results))

    def demo(self, postgres, options):
        show_blind = options["show_blind"]
        try:
            queries = judged.load_sets()
        except judged.BlindSetChanged as error:
            raise CommandError(str(error)) from error
        if not queries:
            raise CommandError("Keine Anfragen: search/evaluation/demo_dev.json fehlt.")
        results = self.demo_here(queries)
        if postgres and connection.vendor != "postgresql":
            results += self.elsewhere(postgres, ["--show-blind"] if show_blind else [])
        if options["json"]:
            for _label, result in results:  # blind queries one by one only when asked
                result["rows"] = [r for r in result["rows"] if show_blind or r["set"] != "blind"]
            self.stdout.write(_dumps(results))
            return
        grades = {(query["set"], query["id"]): query["grades"] for query in queries}
        for label, result in results:
            self.stdout.write(demo.format_table(label, result) + "\n")
        self.stdout.write(demo.LEGEND)
        if options["verbose"]:
            for label, result in results:
                rows = [r for r in result["rows"] if show_blind or r["set"] != "blind"]
                self.stdout.write(f"\n{label}\n" + demo.format_rows(rows, grades))

    def demo_here(self, queries):
        from search.backends import reset_backends

        with scratch_database(demo.SCRATCH):
            reset_backends()
            demo.load_demo()
            results = [
                (label, demo.evaluate(queries, search, label)) for label, search in demo.systems()
            ]
            reset_backends()
        return results

    def here(self):
        vendor = connection.vendor
        results = []
        with scratch_database("evaluation"):
            runner.index_catalogue()
            ours = runner.our_backend("database")
            results.append((LABELS[vendor], runner.score(ours, _suggester(ours.backend))))
            if vendor == "sqlite":
                results.append(("Snowball (stock, FTS5)", runner.score(runner.stock_snowball())))
            if vendor == "postgresql":
                results.append(("PostgreSQL german (stock)", runner.score(runner.stock_postgres())))
            results.append(("Werkstatt Elasticsearch", self.elasticsearch()))
        return results

    def elasticsearch(self):
        if not settings.ELASTICSEARCH_URL:
            return "nicht ausführbar: ELASTICSEARCH_URL ist nicht gesetzt (kein Server hier)"
        from search.backends import get_backend
        from search.backends.elasticsearch.backend import ElasticsearchUnavailable
        from search.models import SearchDocument

        backend = get_backend("elasticsearch")
        try:
            backend.rebuild([row.to_data() for row in SearchDocument.objects.all()])
            backend.client.indices.refresh(index=backend.alias)
            ours = runner.our_backend("elasticsearch")
            return runner.score(ours, _suggester(backend))
        except ElasticsearchUnavailable as error:
            return f"nicht ausführbar: {error}"[:200]

    def elsewhere(self, url, arguments=("--catalogue",)):
        """The same evaluation in a child process on `url`; its progress and errors go to our
        stderr as they happen, its results come back as JSON."""
        env = {**os.environ, "DATABASE_URL": url}
        done = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, str(MANAGE), "evaluate_search", "--json", *arguments],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise CommandError("PostgreSQL-Lauf fehlgeschlagen (Meldung darüber).")
        return [
            (label, result)
            for label, result in json.loads(done.stdout)
            if label != "Werkstatt Elasticsearch"  # measured once, in this process
        ]


_ORDER = [
    LABELS["sqlite"],
    LABELS["postgresql"],
    "Werkstatt Elasticsearch",
    "Snowball (stock, FTS5)",
    "PostgreSQL german (stock)",
]


def _suggester(backend):
    """q -> the backend's „Meinten Sie“ suggestion for it ("" if none)."""
    from search.contract import SearchRequest

    return lambda q: backend.search(SearchRequest(q=q)).suggestion


def _dumps(results):
    return json.dumps(results, ensure_ascii=False)


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS
