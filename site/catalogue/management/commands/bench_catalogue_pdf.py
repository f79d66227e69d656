"""Benchmark: the bound catalogue (PDF) of a generated catalogue with 100 tools.

Not a test: it prints the wall-clock and CPU time of one uncached PDF, with its page count and
the machine's load, for the note. The scratch catalogue is deleted afterwards unless --keep.
"""

import os

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import RequestFactory

from catalogue import bound
from catalogue.bench import Clock, generate_frame, scratch_catalogue
from catalogue.importer import import_catalogue
from catalogue.models import FutureVision
from taxonomy.models import ActionField


class Command(BaseCommand):
    help = "Misst das gebundene Exemplar (PDF) eines generierten Katalogs mit 100 Werkzeugen."

    def add_arguments(self, parser):
        parser.add_argument("--tools", type=int, default=100)
        parser.add_argument("--keep", action="store_true", help="Testkatalog nicht löschen")

    def handle(self, tools, keep=False, **options):
        catalogue = scratch_catalogue("pdf-benchmark")
        if catalogue is None:
            self.stderr.write("Keine Startseite: bitte zuerst `manage.py load_demo` ausführen.")
            return
        with transaction.atomic():
            result = import_catalogue(generate_frame(tools), catalogue)
            for field in ActionField.objects.all():
                FutureVision.objects.create(
                    catalogue=catalogue,
                    action_field=field,
                    text="<p>So soll es in zehn Jahren aussehen: ein Absatz Zukunftsbild.</p>",
                )
            catalogue.save_revision().publish()
        request = RequestFactory().get("/", HTTP_HOST="localhost")
        request.user, request.session = AnonymousUser(), {}
        catalogue.refresh_from_db()
        clock = Clock()
        pages = list(bound.tools_for(catalogue, request))
        document = bound.layout(catalogue, pages, request)
        data = document.write_pdf(pdf_tags=True)
        wall, cpu = clock.lap()
        count = len(document.pages)
        self.stdout.write(
            f"{len(pages)} Werkzeuge ({result.summary()}): PDF {len(data) / 1024:.0f} KB, "
            f"{count} Seiten\n"
            f"  erzeugen {wall:6.2f} s (CPU dieses Prozesses {cpu:6.2f} s)\n"
            f"  Last (1 min): {os.getloadavg()[0]:.1f} auf {os.cpu_count()} Kernen"
        )
        if not keep:
            catalogue.delete()
