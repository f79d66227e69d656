"""Rebuild the search projection from every registered adapter, then the chosen backend."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing
from search.backends import BACKENDS, active_backend_name
from search.contract import KINDS


class Command(BaseCommand):
    help = "Baut den Suchindex aus allen Inhalten neu auf und zählt die Dokumente je Art."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            choices=sorted(BACKENDS),
            help="Backend, das neben der Datenbank-Projektion befüllt wird (Standard: das aktive).",
        )

    def handle(self, *args, backend=None, **options):
        name = backend or active_backend_name()
        total = indexing.count_objects()
        with tqdm(
            total=total, desc="Suchindex", unit="Objekt", file=sys.stderr, disable=None
        ) as progress:
            try:
                counts = indexing.rebuild(name, progress=progress)
            except Exception as error:
                raise CommandError(f"Suchindex konnte nicht aufgebaut werden: {error}") from error
        for kind, label in KINDS.items():
            if counts.get(kind):
                self.stdout.write(f"{label}: {counts[kind]}")
        self.stdout.write(
            self.style.SUCCESS(f"{sum(counts.values())} Dokumente indexiert (Backend: {name}).")
        )
