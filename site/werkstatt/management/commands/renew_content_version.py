"""After writes that send no signal (`QuerySet.update()`, raw SQL, a restored dump): every
cached page, fragment and value of every process is old from now on."""

from django.core.management.base import BaseCommand

from werkstatt import contentversion


class Command(BaseCommand):
    help = "Erneuert die Inhaltsversion: alle zwischengespeicherten Seiten und Fragmente verfallen."

    def handle(self, *args, **options):
        contentversion.renew()
        self.stdout.write("Inhaltsversion erneuert.")
