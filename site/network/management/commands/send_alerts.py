"""`manage.py send_alerts`: mail members what is new in their saved searches (run by cron)."""

from django.core.management.base import BaseCommand

from network.alerts import send_alerts


class Command(BaseCommand):
    help = (
        "Prüft die fälligen gemerkten Suchen (täglich/wöchentlich) und schickt je Suche eine "
        "E-Mail mit dem, was neu ist. Für cron, z. B. täglich um 6 Uhr."
    )

    def handle(self, **options):
        checked, mailed = send_alerts(report=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(
            self.style.SUCCESS(f"{checked} gemerkte Suche(n) geprüft, {mailed} E-Mail(s) gesendet.")
        )
