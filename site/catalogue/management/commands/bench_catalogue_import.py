"""Benchmark: generate a 1,000-row catalogue file and import it into a scratch catalogue.

Not a test: it prints wall-clock and CPU times (read, check+write, the search index after the
commit), the database queries per row and the machine load for the note. The scratch
catalogue is deleted afterwards unless --keep is given.
"""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from catalogue.bench import Clock, generate_frame, scratch_catalogue
from catalogue.importer import import_catalogue
from catalogue.management.commands.import_catalogue import tqdm_progress
from werkstatt.spreadsheets import frame_to_csv, read_table


class Command(BaseCommand):
    help = "Misst den Import einer generierten Datei mit 1.000 Werkzeugen."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=1000)
        parser.add_argument("--keep", action="store_true", help="Testkatalog nicht löschen")

    def handle(self, rows, keep=False, **options):
        catalogue = scratch_catalogue("benchmark")
        if catalogue is None:
            self.stderr.write("Keine Startseite: bitte zuerst `manage.py load_demo` ausführen.")
            return
        path = Path(tempfile.mkdtemp()) / "benchmark.csv"
        path.write_bytes(frame_to_csv(generate_frame(rows)))
        backend = connection.vendor
        queries = []
        clock = Clock()
        frame = read_table(path)
        read = clock.lap()
        with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
            with transaction.atomic():  # search indexes after commit: time that part separately
                result = import_catalogue(frame, catalogue, progress=tqdm_progress)
                written = clock.lap()
            indexed = clock.lap()
        second = import_catalogue(read_table(path), catalogue)
        again = clock.lap()
        total_wall = read[0] + written[0] + indexed[0]
        total_cpu = read[1] + written[1] + indexed[1]
        self.stdout.write(
            f"{backend}: {rows} Zeilen ({result.summary()})\n"
            f"  lesen              {read[0]:7.2f} s (CPU {read[1]:6.2f} s)\n"
            f"  prüfen+schreiben   {written[0]:7.2f} s (CPU {written[1]:6.2f} s)\n"
            f"  Suchindex (Commit) {indexed[0]:7.2f} s (CPU {indexed[1]:6.2f} s)\n"
            f"  gesamt             {total_wall:7.2f} s (CPU dieses Prozesses {total_cpu:6.2f} s)\n"
            f"  Abfragen           {len(queries)} ({len(queries) / rows:.1f} je Zeile)\n"
            f"  zweiter Import     {again[0]:7.2f} s ({second.summary()})\n"
            f"  Last (1 min): {os.getloadavg()[0]:.1f} auf {os.cpu_count()} Kernen"
        )
        if result.errors:
            for error in result.errors[:10]:
                self.stderr.write(str(error))
        if not keep:
            catalogue.delete()
