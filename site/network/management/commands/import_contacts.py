"""`manage.py import_contacts FILE`: contacts from xlsx/csv, all or nothing, report per row."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from network.importer import import_contacts
from werkstatt.locks import Busy, exclusive
from werkstatt.spreadsheets import command_table, refuse_import


class DryRun(Exception):
    """Raised inside the transaction to roll a probe run back."""


class Command(BaseCommand):
    help = (
        "Importiert Ansprechpersonen aus xlsx/csv (Spalten: Name, Funktion, Organisation, Kommune, "
        "E-Mail, Telefon, Handlungsfelder, Sichtbarkeit, Einwilligung am). Neue Personen bleiben "
        "verborgen, bis die Redaktion sie freigibt."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts schreiben")

    def handle(self, file, dry_run=False, **options):
        frame = command_table(file)
        source = f"Import {Path(file).name} vom {timezone.localdate():%d.%m.%Y}"
        result = None
        try:
            with exclusive("contacts-import", "Ansprechpersonen"):
                with tqdm(
                    total=len(frame),
                    desc="Kontakte",
                    file=self.stderr,
                    disable=options["verbosity"] < 1,
                ) as bar:
                    result = import_contacts(frame, source=source, progress=bar.update)
                if result.errors or dry_run:
                    raise DryRun
        except DryRun:
            pass
        except Busy as busy:
            raise CommandError(busy.message) from busy
        if result.errors:
            refuse_import(self.stderr, result.errors)
        prefix = "Probelauf, nichts gespeichert. " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{len(frame)} Zeilen geprüft. {result.summary()}. "
                "Neue Personen sind verborgen, bis die Redaktion sie freigibt."
            )
        )
