"""Two seminar contributions as Veranstaltungsdokumentation: Bremerhaven, Ludwigslust-Parchim (seed 001)."""

from taxonomy.models import Region
from werkstatt.demo import ensure_child

from ..models import (
    ReportKind,
    ReportPage,
)
from .common import (
    ensure_pdf,
    fields_for,
    groups_for,
)

SEMINAR = "Seminar „Lokale Dynamiken aktivieren: auf dem Weg zur demografiekompetenten Kommune“"


def seminar(folder, stdout):
    """`folder(region_code)` gives the parent page of each contribution."""
    bremerhaven = Region.objects.get(code="04012000")
    _page, created = ensure_child(
        folder("04012000"),
        ReportPage,
        "zwk-beirat-bremerhaven",
        title="Beteiligte zusammenbringen: der ZWK-Beirat in Bremerhaven",
        kind=ReportKind.EVENT,
        year=2023,
        region=bremerhaven,
        publisher=SEMINAR,
        summary=(
            "Seit Anfang 2022 begleitet ein Beirat aus Verwaltung, Sozialausschuss, Seniorenbeirat "
            "und Migrationsrat die Zukunftswerkstatt in Bremerhaven strategisch."
        ),
        key_findings=(
            "<ul><li>Der Beirat macht Entscheidungsträgerinnen und Multiplikatoren auf die "
            "kleinräumig sehr unterschiedliche Demografie der Stadt aufmerksam, auch auf Zu- und "
            "Abwanderung.</li>"
            "<li>Aus Analysen, Prognosen und Beteiligung leitet er Schwerpunkte und Projektideen ab; "
            "Leitfrage ist, wie faire Teilhabe und eine aktive Bürgerschaft die Stadt stärken.</li>"
            "<li>Derzeit entstehen zwei Stadtteilprofile zum Thema Gesundheit, die den Aufbau der "
            "kommunalen Gesundheitsförderung ergänzen.</li></ul>"
        ),
        report_file=ensure_pdf(
            "Vortrag ZWK-Beirat Bremerhaven",
            [
                "Seminarbeitrag zum ZWK-Beirat in Bremerhaven (Demo-Auszug).",
                "Der Beirat sensibilisiert Entscheidungsträgerinnen und Multiplikatoren für die",
                "kleinräumig verschiedenen Ausprägungen des demografischen Wandels,",
                "einschließlich Wanderungsströmen und Migration.",
            ],
        ),
        relations={
            "action_fields": fields_for(
                "buergerbeteiligung-und-engagement",
                "gesundheit-und-pflege",
                "integration-und-vielfalt",
            ),
            "target_groups": groups_for(
                "politik", "verwaltung", "menschen-mit-migrationsgeschichte"
            ),
        },
        tags=["Beirat", "Zukunftswerkstatt Kommunen", "Stadtteilprofil"],
    )
    if created:
        stdout.write("  Seminarbeitrag Bremerhaven angelegt")
    lup = Region.objects.get(code="13076")
    _page, created = ensure_child(
        folder("13076"),
        ReportPage,
        "leuchtturm-strategie-ludwigslust-parchim",
        title="Engagement in die Fläche bringen: die Leuchtturm-Strategie in Ludwigslust-Parchim",
        kind=ReportKind.EVENT,
        year=2023,
        region=lup,
        publisher=SEMINAR,
        summary=(
            "Der flächengroße Landkreis stärkt Ehrenamt und Vereine, indem er neue Ansätze zuerst "
            "in vier Leuchtturmregionen erprobt und das Gelernte dann weitergibt."
        ),
        key_findings=(
            "<ul><li>Weil Strukturen und Bedarfe im Kreis stark schwanken, gibt es keine "
            "Einheitslösung: erst erproben, dann übertragen.</li>"
            "<li>Ämter und Multiplikatorinnen können sich an den Leuchtturmprozessen orientieren.</li>"
            "<li>Themenbezogene Zukunftswerkstätten holen weitere Regionen und neue Gruppen von "
            "Engagierten dazu.</li></ul>"
        ),
        report_file=ensure_pdf(
            "Vortrag Leuchtturm-Strategie Ludwigslust-Parchim",
            [
                "Seminarbeitrag zur Leuchtturm-Strategie (Demo-Auszug).",
                "Schwerpunkt: Unterstützung des Ehrenamts und des regionalen Vereinswesens.",
                "Neue Strategien werden zuerst in vier Leuchtturmregionen erprobt, dann über",
                "themenbezogene Zukunftswerkstätten in den ganzen Landkreis getragen.",
            ],
        ),
        relations={
            "action_fields": fields_for("buergerbeteiligung-und-engagement"),
            "target_groups": groups_for("ehrenamtliche", "zivilgesellschaft-und-vereine"),
        },
        tags=["Ehrenamt", "Zukunftswerkstatt Kommunen", "Ländlicher Raum"],
    )
    if created:
        stdout.write("  Seminarbeitrag Ludwigslust-Parchim angelegt")
