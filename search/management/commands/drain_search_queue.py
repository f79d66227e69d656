"""Send queued index changes to the search cluster (cron, or after an outage)."""

from django.core.management.base import BaseCommand, CommandError

from search import queue
from search.backends import active_backend_name, get_backend


class Command(BaseCommand):
    help = "Sendet die Index-Warteschlange an den Suchcluster (prüft ihn vorher einmal)."

    def handle(self, *args, **options):
        name = active_backend_name()
        if name == "database":
            self.stdout.write("Kein Suchcluster konfiguriert; nichts zu senden.")
            return
        breaker = getattr(get_backend(name), "breaker", None)
        if breaker is not None and not breaker.check_now():
            raise CommandError(
                f"{name} antwortet nicht; {queue.pending()} Änderungen bleiben in der Warteschlange."
            )
        sent = queue.drain(name, force=True)
        left = queue.pending()
        if left:
            raise CommandError(f"{sent} gesendet, {left} noch in der Warteschlange.")
        self.stdout.write(self.style.SUCCESS(f"{sent} Änderungen gesendet; Warteschlange leer."))
