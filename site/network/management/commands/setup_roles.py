"""`manage.py setup_roles`: groups, permissions and the review workflow as README describes them."""

from django.core.management.base import BaseCommand
from django.db import transaction

from network.role_setup import WORKFLOW_NAME, setup_roles


class Command(BaseCommand):
    help = (
        "Legt die Rollen an (idempotent): „Redaktion“, je Kommune „Redaktion <Kommune>“, "
        "„Mitglieder“, ihre Rechte und den Workflow „Prüfung durch die Redaktion“."
    )

    def handle(self, **options):
        with transaction.atomic():
            setup_roles(report=lambda message: self.stdout.write(f"  {message}"))
        self.stdout.write(
            self.style.SUCCESS(f"Rollen und Rechte eingerichtet; Workflow „{WORKFLOW_NAME}“ aktiv.")
        )
