"""Timing of the password reset for known and unknown addresses (issue 30: no enumeration).

Runs N requests each, alternating, through the full middleware stack (Django's test client),
each with its own address and client so no limit answers instead; every row it writes is
rolled back at the end. What it measures is the request: with a queue (django-tasks-db in
production) the mail is the worker's, with the immediate backend the request also sends it.
"""

import statistics
import time

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

FORMS = {"mitglieder": "/anmelden/passwort-vergessen/", "admin": "/admin/password_reset/"}


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Misst das Zurücksetzen des Passworts für bekannte und unbekannte Adressen (Mediane)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=60, help="Anfragen je Art")
        parser.add_argument("--form", choices=sorted(FORMS), default="mitglieder")

    def handle(self, *args, requests, form, **options):
        backend = settings.TASKS["default"]["BACKEND"] if hasattr(settings, "TASKS") else "?"
        self.stdout.write(f"Aufgaben-Backend: {backend}; Formular {FORMS[form]}")
        try:
            with override_settings(ALLOWED_HOSTS=["*"]), transaction.atomic():
                timings = self.measure(FORMS[form], requests)
                raise Rollback
        except Rollback:
            pass
        known, unknown = (statistics.median(timings[kind]) for kind in ("known", "unknown"))
        for kind, median in (("bekannt", known), ("unbekannt", unknown)):
            self.stdout.write(f"{kind:>10}: Median {median * 1000:.1f} ms über {requests}")
        self.stdout.write(f"Abstand: {abs(known - unknown) / max(known, unknown):.1%}")

    def measure(self, url, requests):
        for n in range(requests):
            User.objects.create_user(f"bench-reset-{n}", f"bench-reset-{n}@example.org", "x-" * 8)
        timings = {"known": [], "unknown": []}
        Client(REMOTE_ADDR="192.0.2.1").post(url, {"email": "warm@example.org"})  # warm-up
        for n in range(requests):
            for kind, email in (
                ("known", f"bench-reset-{n}@example.org"),
                ("unknown", f"bench-niemand-{n}@example.org"),
            ):
                client = Client(REMOTE_ADDR=f"10.{n // 250}.{n % 250}.{len(kind)}")
                start = time.perf_counter()
                response = client.post(url, {"email": email})
                timings[kind].append(time.perf_counter() - start)
                if response.status_code != 302:
                    raise SystemExit(f"{email}: Status {response.status_code}")
        return timings
