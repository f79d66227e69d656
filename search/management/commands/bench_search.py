"""Benchmark the database search backend against Wagtail's own search on the same corpus."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.bench import runner


class Command(BaseCommand):
    help = (
        "Baut in einer Wegwerf-Datenbank einen synthetischen Korpus, stellt eine feste Mischung "
        "von Suchanfragen und vergleicht p50/p95 mit der Wagtail-Suche (.search + .facet)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=int, default=10_000, help="Anzahl der Dokumente")
        parser.add_argument("--queries", type=int, default=200, help="Anzahl der Anfragen (>= 200)")
        parser.add_argument(
            "--wagtail-budget",
            type=float,
            default=600.0,
            help="Sekunden, die die Wagtail-Suche höchstens messen darf (danach nur noch Werkstatt)",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Benchmark-Datenbank behalten und bei gleicher Größe wiederverwenden",
        )
        parser.add_argument(
            "--rebuild-only",
            action="store_true",
            help="Nur den Neuaufbau der Projektion (backend.rebuild) über den Korpus messen",
        )

    def handle(self, *args, docs, queries, keep, wagtail_budget, rebuild_only, **options):
        if docs < 1:
            raise CommandError("--docs muss mindestens 1 sein.")
        if rebuild_only:
            self.stdout.write(runner.format_rebuild(runner.time_rebuild(docs, keep=keep)))
            return
        if queries < 1:
            raise CommandError("--queries muss mindestens 1 sein.")

        def progress(total, desc):
            return tqdm(total=total, desc=desc, file=sys.stderr, mininterval=5)

        result = runner.run(
            docs,
            queries=queries,
            keep=keep,
            wagtail_budget=wagtail_budget,
            progress_factory=progress,
        )
        self.stdout.write(runner.format_table(result))
