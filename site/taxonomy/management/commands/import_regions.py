"""Import regions from the Destatis Kreise xlsx (as published) or a plain CSV code;name;level."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from taxonomy.regions import parse_destatis_kreise, parse_plain_csv, upsert_regions
from werkstatt.spreadsheets import SpreadsheetError, refuse_import


class Command(BaseCommand):
    help = "Importiert Regionen aus der Destatis-Kreisliste (xlsx) oder einer CSV-Datei (code;name;level)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts schreiben")

    def handle(self, file, dry_run=False, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Datei nicht gefunden: {path}")
        try:
            raw = path.read_bytes()
            if raw[:2] == b"PK":
                rows, errors = parse_destatis_kreise(raw), []
            else:
                with path.open("rb") as handle:
                    rows, errors = parse_plain_csv(handle, path.name)
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc
        with tqdm(
            total=len(rows), desc="Regionen", file=self.stderr, disable=options["verbosity"] < 1
        ) as bar:
            result = upsert_regions(rows, errors, dry_run=dry_run, progress=bar.update)
        if result.errors:
            refuse_import(self.stderr, result.errors)
        prefix = "Probelauf, nichts gespeichert. " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(f"{prefix}{len(rows)} Zeilen geprüft. {result.summary()}")
        )
