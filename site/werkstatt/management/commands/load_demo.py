"""Load the demo content of every app (idempotent; run it again after pulling new demo content)."""

import importlib
import time

from django.apps import apps
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Legt Demo-Inhalte an: Seitenbaum, Taxonomie und die Inhalte aller Apps."

    def handle(self, **options):
        from taxonomy.regions import load_shipped_regions

        started = time.monotonic()
        self.stdout.write("Regionen und Vokabulare …")
        load_shipped_regions()
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            self.stdout.write(f"[{config.verbose_name}] …")
            with transaction.atomic():
                module.load(self.stdout)
        if "setup_roles" in get_commands():  # the network app's roles, now that all pages exist
            self.stdout.write("Rollen und Rechte …")
            call_command("setup_roles", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo-Inhalte geladen in {time.monotonic() - started:.1f} s.")
        )
        self.accounts()

    def accounts(self):
        """The demo accounts (dev settings only), printed so a newcomer can log in."""
        from django.conf import settings

        from werkstatt import demo

        if not settings.WERKSTATT_DEMO_ACCOUNTS:
            self.stdout.write("Keine Demo-Konten (WERKSTATT_DEMO_ACCOUNTS ist aus).")
            return
        with transaction.atomic():
            made = demo.ensure_accounts()
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(
            f"Demo-Konten (Passwort für alle: {demo.DEMO_PASSWORD}), Redaktion unter "
            f"{base}/admin/, Mitglieder unter {base}/anmelden/:"
        )
        for username, role in made:
            self.stdout.write(f"  {username:<16} {role}")
