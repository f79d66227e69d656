"""Benchmark: generate a 1,000-row catalogue file and import it into a scratch catalogue.

Not a test: it prints wall-clock times (read, check, write) for the note. The scratch
catalogue is deleted afterwards unless --keep is given.
"""

import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection

from catalogue.bench import generate_frame
from catalogue.importer import import_catalogue
from catalogue.management.commands.import_catalogue import tqdm_progress
from catalogue.models import CatalogueIndexPage, CatalogueSectionPage
from werkstatt.demo import ensure_child, get_home
from werkstatt.spreadsheets import frame_to_csv, read_table


class Command(BaseCommand):
    help = "Misst den Import einer generierten Datei mit 1.000 Werkzeugen."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=1000)
        parser.add_argument("--keep", action="store_true", help="Testkatalog nicht löschen")

    def handle(self, rows, keep=False, **options):
        home = get_home()
        if home is None:
            self.stderr.write("Keine Startseite: bitte zuerst `manage.py load_demo` ausführen.")
            return
        section = (
            CatalogueSectionPage.objects.first()
            or ensure_child(
                home, CatalogueSectionPage, "werkzeuge", title="Werkzeuge", show_in_menus=True
            )[0]
        )
        slug = f"benchmark-{int(time.time())}"
        catalogue, _ = ensure_child(section, CatalogueIndexPage, slug, title=f"Benchmark {slug}")
        path = Path(tempfile.mkdtemp()) / "benchmark.csv"
        path.write_bytes(frame_to_csv(generate_frame(rows)))
        backend = connection.vendor
        started = time.perf_counter()
        frame = read_table(path)
        read_done = time.perf_counter()
        result = import_catalogue(frame, catalogue, progress=tqdm_progress)
        done = time.perf_counter()
        second = import_catalogue(read_table(path), catalogue)
        again = time.perf_counter()
        self.stdout.write(
            f"{backend}: {rows} Zeilen – lesen {read_done - started:.2f} s, "
            f"prüfen+schreiben {done - read_done:.2f} s, gesamt {done - started:.2f} s "
            f"({result.summary()}); zweiter Import {again - done:.2f} s ({second.summary()})"
        )
        if result.errors:
            for error in result.errors[:10]:
                self.stderr.write(str(error))
        if not keep:
            catalogue.delete()
