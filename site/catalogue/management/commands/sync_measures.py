"""Write the Measure rows of every tool from its tool sheets (once after the update that added them)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from catalogue.models import ToolPage
from catalogue.models.progress import sync_measures


class Command(BaseCommand):
    help = "Legt die Einzelmaßnahmen aller Werkzeuge aus ihren Werkzeugblättern an (für die Suche)."

    def handle(self, **options):
        count = 0
        with transaction.atomic():
            for tool in ToolPage.objects.iterator():
                count += len(sync_measures(tool))
        self.stdout.write(self.style.SUCCESS(f"{count} Einzelmaßnahmen nachgeführt."))
