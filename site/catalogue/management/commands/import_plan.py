"""Import a Werkstattplan from .xlsx/.csv; all or nothing, a report of every bad row."""

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import WorkshopPlanPage
from catalogue.plan_importer import import_plan
from werkstatt.locks import Busy
from werkstatt.spreadsheets import command_table, refuse_import


class Command(BaseCommand):
    help = "Ersetzt die Zeilen eines Werkstattplans durch eine Tabelle (.xlsx/.csv) und veröffentlicht ihn."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zur .xlsx- oder .csv-Datei")
        parser.add_argument("--plan", required=True, help="Slug des Werkstattplans")
        parser.add_argument("--dry-run", action="store_true", help="Nur prüfen, nichts schreiben")

    def handle(self, file, plan, dry_run=False, **options):
        page = WorkshopPlanPage.objects.filter(slug=plan).first()
        if page is None:
            known = ", ".join(WorkshopPlanPage.objects.values_list("slug", flat=True)) or "–"
            raise CommandError(f"Kein Werkstattplan mit dem Slug „{plan}“. Vorhanden: {known}")
        frame = command_table(file)
        try:
            result = import_plan(frame, page, dry_run=dry_run)
        except Busy as busy:
            raise CommandError(busy.message) from busy
        if not result.ok:
            refuse_import(self.stderr, result.errors)
        prefix = "Probelauf (nichts geschrieben): " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + result.summary()))
