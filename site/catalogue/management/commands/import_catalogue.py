"""Import tools into a catalogue from .xlsx/.csv; all or nothing, a report of every bad row."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogue.importer import SAME_TITLE, import_catalogue
from catalogue.models import CatalogueIndexPage
from werkstatt.locks import Busy
from werkstatt.spreadsheets import command_table, refuse_import


def tqdm_progress(label):
    return lambda items: tqdm(items, desc=label, file=sys.stderr, unit="Zeile", leave=False)


class Command(BaseCommand):
    help = "Importiert Werkzeuge aus einer Tabelle (.xlsx/.csv) in einen Werkzeugkatalog."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zur .xlsx- oder .csv-Datei")
        parser.add_argument("--catalogue", required=True, help="Slug des Werkzeugkatalogs")
        parser.add_argument("--dry-run", action="store_true", help="Nur prüfen, nichts schreiben")
        parser.add_argument(
            "--gleicher-titel",
            action="store_true",
            dest="allow_same_title",
            help="Zeilen mit neuer ID auch anlegen, wenn es den Titel im Katalog schon gibt",
        )

    def handle(self, file, catalogue, dry_run=False, allow_same_title=False, **options):
        page = CatalogueIndexPage.objects.filter(slug=catalogue).first()
        if page is None:
            known = ", ".join(CatalogueIndexPage.objects.values_list("slug", flat=True)) or "–"
            raise CommandError(
                f"Kein Werkzeugkatalog mit dem Slug „{catalogue}“. Vorhanden: {known}"
            )
        frame = command_table(file)
        progress = tqdm_progress if options.get("verbosity", 1) >= 1 else None
        try:
            result = import_catalogue(
                frame, page, dry_run=dry_run, progress=progress, allow_same_title=allow_same_title
            )
        except Busy as busy:
            raise CommandError(busy.message) from busy
        if not result.ok:
            refuse_import(self.stderr, result.errors)
        for outcome in result.rows:
            if outcome.action == SAME_TITLE:
                self.stderr.write(
                    f"Warnung: Zeile {outcome.row} „{outcome.title}“: {outcome.label}"
                )
        if result.held_back:
            self.stderr.write("Mit --gleicher-titel werden diese Zeilen trotzdem angelegt.")
        prefix = "Probelauf (nichts geschrieben): " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + result.summary()))
