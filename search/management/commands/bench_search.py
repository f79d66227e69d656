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
        parser.add_argument(
            "--german-words",
            type=int,
            default=0,
            help="Texte aus so vielen häufigen deutschen Wörtern (wordfreq) statt der Fachwortliste",
        )
        parser.add_argument(
            "--runs", type=int, default=1, help="Neuaufbau so oft wiederholen (mit --rebuild-only)"
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="nach jedem Neuaufbau jeden Textvektor mit einer Analyse in einem Thread vergleichen",
        )

    def handle(self, *args, docs, queries, keep, wagtail_budget, rebuild_only, **options):
        if docs < 1:
            raise CommandError("--docs muss mindestens 1 sein.")
        if rebuild_only:
            self._rebuilds(docs, keep, options["german_words"], options["runs"], options["verify"])
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

    def _rebuilds(self, docs, keep, words, runs, verify):
        """`runs` rebuilds, each reported; a failed one is counted and the next one runs."""
        failed = wrong = 0
        for run in range(1, runs + 1):
            try:
                result = runner.time_rebuild(docs, keep=keep, words=words, verify=verify)
            except Exception as error:  # noqa: BLE001 - counted and reported, the next run goes on
                failed += 1
                self.stdout.write(
                    self.style.ERROR(f"Lauf {run}: Neuaufbau fehlgeschlagen: {error}")
                )
                continue
            wrong += len(result["wrong"] or ())
            self.stdout.write(f"Lauf {run}: {runner.format_rebuild(result)}")
        summary = f"{runs} Läufe: {failed} fehlgeschlagen"
        if verify:
            summary += f", {wrong} Textvektoren abweichend"
        self.stdout.write((self.style.ERROR if failed or wrong else self.style.SUCCESS)(summary))
