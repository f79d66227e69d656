"""Load the shipped Länder, Regierungsbezirke and Kreise (idempotent; migrate does it too)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from taxonomy.regions import load_shipped_regions


class Command(BaseCommand):
    help = "Lädt alle Länder und Kreise aus der mitgelieferten Datendatei."

    def handle(self, **options):
        with tqdm(
            desc="Regionen", unit=" Zeilen", file=self.stderr, disable=options["verbosity"] < 1
        ) as bar:
            result = load_shipped_regions(progress=bar.update)
        for error in result.errors:
            self.stderr.write(str(error))
        self.stdout.write(f"Regionen: {result.summary()}")
