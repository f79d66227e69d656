"""Load area and population of the Kreise: the shipped file, or a newer Destatis '04-kreise.xlsx'."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taxonomy.regions import (
    FIGURES_FILE,
    load_figures,
    parse_destatis_figures,
    read_figures_csv,
)
from werkstatt.spreadsheets import SpreadsheetError


class Command(BaseCommand):
    help = (
        "Lädt Fläche und Bevölkerung der Kreise (Destatis). Ohne Datei die mitgelieferte; mit "
        "einer neueren 04-kreise.xlsx kommt ein weiterer Stichtag hinzu (dann ist auch die "
        "Bevölkerungsentwicklung bekannt)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="04-kreise.xlsx von Destatis oder code;date;area_km2;population"
        )

    def handle(self, file=None, **options):
        path = Path(file) if file else FIGURES_FILE
        try:
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                rows = parse_destatis_figures(path.read_bytes())
            else:
                rows = read_figures_csv(path)
        except (OSError, SpreadsheetError, KeyError, ValueError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        written, unknown = load_figures(rows)
        if unknown:
            self.stderr.write(
                f"{len(unknown)} Schlüssel ohne Region (erst import_regions ausführen): "
                + ", ".join(unknown[:10])
            )
        dates = sorted({row.date.isoformat() for row in rows})
        self.stdout.write(f"Kennzahlen: {written} Regionen, Stichtag {', '.join(dates)}")
