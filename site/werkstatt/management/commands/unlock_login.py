"""Lift a login lockout before its 30 minutes are over (e.g. after the member called)."""

from axes.utils import reset
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Hebt die Anmeldesperre für einen oder mehrere Benutzernamen auf (alle Adressen)."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+", metavar="BENUTZERNAME")

    def handle(self, *args, usernames, **options):
        for username in usernames:
            removed = reset(username=username)
            if removed:
                self.stdout.write(
                    f"Anmeldesperre für „{username}“ aufgehoben "
                    f"(gespeicherte Fehlversuche gelöscht: {removed})."
                )
            else:
                self.stdout.write(f"Für „{username}“ waren keine Fehlversuche gespeichert.")
