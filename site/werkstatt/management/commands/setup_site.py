"""`manage.py setup_site`: the site's page tree, roles and workflow on a fresh database."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from werkstatt import sitetree


class Command(BaseCommand):
    help = (
        "Richtet die Website ohne Demo-Inhalte ein (idempotent): Startseite, Werkzeuge, "
        "Projekte, Impressum, Datenschutz, Barrierefreiheit, Website-Name und -Adresse aus den "
        "Einstellungen, Rollen und Workflow."
    )

    def handle(self, **options):
        from django.conf import settings

        with transaction.atomic():
            sitetree.ensure_tree(self.stdout)
        call_command("setup_roles", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Website „{settings.WAGTAIL_SITE_NAME}“ eingerichtet unter "
                f"{settings.WAGTAILADMIN_BASE_URL}."
            )
        )
        for page in sitetree.pages_with_placeholders():
            self.stdout.write(
                self.style.WARNING(
                    f"  Platzhalter „{sitetree.PLACEHOLDER_MARK} …]“ ausfüllen: {page.title} "
                    f"({page.url_path.removeprefix('/start')})"
                )
            )
