"""Derive the shipped region data file from the Destatis Kreise xlsx (run when Destatis publishes anew)."""

import csv

from django.core.management.base import BaseCommand

from taxonomy.regions import DATA_FILE, parse_destatis_kreise


class Command(BaseCommand):
    help = "Schreibt taxonomy/data/regions.csv aus der Destatis-Datei 04-kreise.xlsx."

    def add_arguments(self, parser):
        parser.add_argument("xlsx", help="Pfad zu 04-kreise.xlsx (Destatis Gemeindeverzeichnis)")

    def handle(self, xlsx, **options):
        with open(xlsx, "rb") as handle:
            rows = parse_destatis_kreise(handle.read())
        with open(DATA_FILE, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter=";")
            writer.writerow(["code", "name", "level", "kind"])
            for row in rows:
                writer.writerow([row.code, row.name, row.level, row.kind])
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} Regionen nach {DATA_FILE} geschrieben."))
