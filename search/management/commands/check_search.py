"""Report drift: content vs projection vs backend index (missing, stale, orphaned documents)."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import drift, indexing
from search.backends import BACKENDS, get_backend
from search.models import SearchDocument

SHOW = 20


class Command(BaseCommand):
    help = "Vergleicht Inhalte, Such-Projektion und Suchindex und meldet Abweichungen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend", choices=sorted(BACKENDS), help="zusätzlich zu prüfendes Backend"
        )
        parser.add_argument(
            "--strict", action="store_true", help="mit Fehlerstatus enden, wenn etwas abweicht"
        )
        parser.add_argument(
            "--repair",
            action="store_true",
            help="nur fehlende, veraltete und verwaiste Dokumente je Backend neu senden bzw. löschen",
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="zusätzlich den Textindex der Datenbank Dokument für Dokument neu analysieren "
            "und mit dem gespeicherten vergleichen",
        )

    def handle(self, *args, backend=None, strict=False, repair=False, verify=False, **options):
        with tqdm(
            total=indexing.count_objects(),
            desc="Inhalte",
            unit="Objekt",
            file=sys.stderr,
            disable=None,
        ) as progress:
            try:
                report = (drift.repair if repair else drift.check)(backend, progress=progress)
            except Exception as error:
                action = "Reparatur" if repair else "Prüfung"
                raise CommandError(f"{action} nicht möglich: {error}") from error
        if repair:
            for name, result in report.items():
                self.stdout.write(
                    f"Repariert ({name}): {len(result.missing)} ergänzt, "
                    f"{len(result.stale)} erneuert, {len(result.orphaned)} entfernt"
                )
            self.stdout.write(self.style.SUCCESS("Suchindex repariert."))
            return
        titles = {"projection": "Projektion gegenüber den Inhalten"}
        for name, result in report.items():
            title = titles.get(name, f"Index ({name}) gegenüber der Projektion")
            self.stdout.write(
                f"{title}: {len(result.missing)} fehlend, {len(result.stale)} veraltet, "
                f"{len(result.orphaned)} verwaist, {len(result.restricted)} zugriffsbeschränkt"
            )
            for label, keys in (
                ("fehlt", result.missing),
                ("veraltet", result.stale),
                ("verwaist", result.orphaned),
                ("zugriffsbeschränkt, aber auffindbar", result.restricted),
            ):
                for key in keys[:SHOW]:
                    self.stdout.write(f"  {label}: {key}")
                if len(keys) > SHOW:
                    self.stdout.write(f"  … und {len(keys) - SHOW} weitere ({label})")
        wrong = self._verify() if verify else []
        if all(result.clean for result in report.values()) and not wrong:
            self.stdout.write(self.style.SUCCESS("Keine Abweichungen."))
        elif wrong:
            self.stdout.write(
                self.style.WARNING(
                    "Textindex weicht ab: manage.py rebuild_search baut ihn neu auf."
                )
            )
            if strict:
                raise CommandError("Suchindex weicht ab.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    "Abweichungen gefunden: manage.py check_search --repair behebt sie."
                )
            )
            if strict:
                raise CommandError("Suchindex weicht ab.")

    def _verify(self):
        """Keys whose stored text vectors differ from a single-threaded analysis, reported."""
        database = get_backend("database")
        with tqdm(
            total=SearchDocument.objects.count(),
            desc="Textindex",
            unit="Dokument",
            file=sys.stderr,
            disable=None,
        ) as progress:
            wrong = database.wrong_texts(progress=progress)
        self.stdout.write(
            f"Textindex ({database.vendor_label}) gegenüber neuer Analyse: {len(wrong)} abweichend"
        )
        for key in wrong[:SHOW]:
            self.stdout.write(f"  abweichend: {key}")
        if len(wrong) > SHOW:
            self.stdout.write(f"  … und {len(wrong) - SHOW} weitere (abweichend)")
        return wrong
