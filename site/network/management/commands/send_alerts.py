"""`manage.py send_alerts`: mail members what is new in their saved searches (run by cron).

It enqueues `network.alerts.send_alerts_task`: the task worker does the searching and mailing
in production; with the immediate task backend (development) it runs right here.
"""

from django.core.management.base import BaseCommand

from network.alerts import send_alerts_task


class Command(BaseCommand):
    help = (
        "Prüft die fälligen gemerkten Suchen (täglich/wöchentlich) und schickt je Suche eine "
        "E-Mail mit dem, was neu ist. Für cron, z. B. täglich um 6 Uhr."
    )

    def handle(self, **options):
        result = send_alerts_task.enqueue()
        if not result.is_finished:
            self.stdout.write(f"Eingereiht für den Task-Worker (Task {result.id}).")
            return
        checked, mailed = result.return_value
        self.stdout.write(
            self.style.SUCCESS(f"{checked} gemerkte Suche(n) geprüft, {mailed} E-Mail(s) gesendet.")
        )
