"""Import a data table (csv/xlsx) into a data report page: all or nothing, every problem listed."""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.documents import get_document_model

from projects.datareports.importer import import_file
from projects.datareports.storage import private_collection
from projects.models import DataReportPage
from werkstatt.spreadsheets import refuse_import


class Command(BaseCommand):
    help = "Prüft eine Datentabelle und übernimmt sie in einen Datenbericht (nur wenn fehlerfrei)."

    def add_arguments(self, parser):
        parser.add_argument("page", help="ID oder Kurzname (slug) des Datenberichts")
        parser.add_argument("file", help="Pfad zur .xlsx- oder .csv-Datei")
        parser.add_argument("--stichtag", help="Stichtag der Daten, JJJJ-MM-TT")
        parser.add_argument("--quelle", help="Quelle der Daten")
        parser.add_argument("--probelauf", action="store_true", help="Nur prüfen, nichts speichern")

    def handle(self, page, file, stichtag=None, quelle=None, probelauf=False, **options):
        lookup = {"pk": int(page)} if page.isdigit() else {"slug": page}
        report = DataReportPage.objects.filter(**lookup).first()
        if report is None:
            raise CommandError(f"Kein Datenbericht „{page}“ gefunden.")
        if report.region is None:
            raise CommandError("Der Datenbericht hat keine Region; bitte zuerst eine festlegen.")
        reference_date = None
        if stichtag:
            try:
                reference_date = datetime.date.fromisoformat(stichtag)
            except ValueError as exc:
                raise CommandError(f"Stichtag „{stichtag}“ ist kein Datum (JJJJ-MM-TT).") from exc
        try:
            with open(file, "rb") as handle:
                outcome = import_file(handle, report.region, filename=file)
        except OSError as exc:
            raise CommandError(f"Datei nicht lesbar: {exc}") from exc
        if not outcome.ok:
            refuse_import(self.stderr, outcome.errors)
        areas = len(outcome.data["areas"])
        if probelauf:
            self.stdout.write(f"Probelauf: {areas} Gebiete wären übernommen worden.")
            return
        with transaction.atomic():
            # The file becomes the report's (private) data table, so the page and its source agree.
            document = get_document_model()(
                title=f"{report.title}: {Path(file).name}", collection=private_collection()
            )
            with open(file, "rb") as handle:
                document.file.save(Path(file).name, File(handle), save=False)
            document.save()
            report.data_file = document
            report.data = {**outcome.data, "signature": report._file_signature()}
            try:
                report.full_clean()
            except ValidationError as exc:
                problems = "; ".join(m for ms in exc.message_dict.values() for m in ms)
                raise CommandError(f"Nicht übernommen: {problems}") from exc
            if reference_date:
                report.reference_date = reference_date
            if quelle:
                report.source = quelle
            revision = report.save_revision(clean=False)
            if report.live:
                revision.publish()
        self.stdout.write(self.style.SUCCESS(f"{areas} Gebiete übernommen in „{report.title}“."))
