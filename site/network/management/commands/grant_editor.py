"""`manage.py grant_editor USER --kommune SLUG [--revoke]`: a municipality's editors, by hand."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from network.models import Municipality
from network.role_setup import grant_editor, revoke_editor


class Command(BaseCommand):
    help = (
        "Nimmt eine Person in die Redaktion einer Kommune auf (legt die Gruppe beim ersten Mal an) "
        "oder entfernt sie mit --revoke."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Benutzername")
        parser.add_argument("--kommune", required=True, help="Kurzname (URL) der Kommune")
        parser.add_argument("--revoke", action="store_true", help="aus der Redaktion entfernen")

    def handle(self, username, kommune, revoke=False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Es gibt keine Person mit dem Benutzernamen „{username}“.")
        municipality = Municipality.objects.filter(slug=kommune).first()
        if municipality is None:
            raise CommandError(
                f"Es gibt keine Kommune mit dem Kurznamen „{kommune}“ "
                "(siehe Admin → Netzwerk → Kommunen, Feld „Kurzname (URL)“)."
            )
        with transaction.atomic():
            if revoke:
                if revoke_editor(user, municipality):
                    message = f"„{username}“ gehört nicht mehr zur Redaktion von {municipality}."
                else:
                    message = f"„{username}“ war nicht in der Redaktion von {municipality}."
            else:
                group = grant_editor(user, municipality)
                message = f"„{username}“ ist jetzt in der Gruppe „{group.name}“."
        self.stdout.write(self.style.SUCCESS(message))
