"""Kreis Düren: final report and "Datencheck 2020" with generated Ortsteil figures (seed 002)."""

import random

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from taxonomy.models import Region
from taxonomy.regions import ensure_region
from werkstatt.demo import ensure_child

from ..datareports.storage import private_collection
from ..models import (
    DataReportPage,
    ReportKind,
    ReportPage,
    ReportTool,
)
from .common import (
    d,
    ensure_pdf,
    fields_for,
    groups_for,
    tool_links,
)

# Its 15 Kommunen and a few Orts- und Stadtteile each (names real, figures invented).
DUEREN = [
    ("05358004", "Aldenhoven", ["Aldenhoven", "Siersdorf", "Dürboslar", "Schleiden"]),
    ("05358008", "Düren", ["Düren-Mitte", "Birkesdorf", "Gürzenich", "Mariaweiler", "Rölsdorf"]),
    ("05358012", "Heimbach", ["Heimbach", "Hergarten", "Vlatten"]),
    ("05358016", "Hürtgenwald", ["Vossenack", "Kleinhau", "Gey"]),
    ("05358020", "Inden", ["Inden/Altdorf", "Lamersdorf", "Lucherberg"]),
    ("05358024", "Jülich", ["Jülich-Mitte", "Koslar", "Barmen"]),
    ("05358028", "Kreuzau", ["Kreuzau", "Drove", "Stockheim", "Winden"]),
    ("05358032", "Langerwehe", ["Langerwehe", "Jüngersdorf", "Schlich"]),
    ("05358036", "Linnich", ["Linnich", "Körrenzig", "Gevenich"]),
    ("05358040", "Merzenich", ["Merzenich", "Girbelsrath", "Golzheim"]),
    ("05358044", "Nideggen", ["Nideggen", "Schmidt", "Abenden"]),
    ("05358048", "Niederzier", ["Niederzier", "Huchem-Stammeln", "Oberzier"]),
    ("05358052", "Nörvenich", ["Nörvenich", "Eschweiler über Feld", "Hochkirchen"]),
    ("05358056", "Titz", ["Titz", "Rödingen", "Ameln"]),
    ("05358060", "Vettweiß", ["Vettweiß", "Kelz", "Soller"]),
]
DATA_HEADERS = [
    "Schlüssel",
    "Ortsteil",
    "Einwohner",
    "Anteil unter 18",
    "Anteil 65+",
    "Anteil 80+",
    "Anzahl 100 Jahre und älter",
    "Durchschnittsalter",
    "Veränderung seit 2010 in %",
]


def dueren_rows(seed=2020):
    """Generated, plausible figures for the Ortsteile of Kreis Düren (not real statistics)."""
    rng = random.Random(seed)  # noqa: S311 - demo figures, not secrets
    rows = []
    for gemeinde_code, _name, ortsteile in DUEREN:
        for number, ortsteil in enumerate(ortsteile, start=1):
            code = f"{gemeinde_code}{number:03d}"
            big = ortsteil.endswith("-Mitte")
            population = rng.randint(18000, 32000) if big else rng.randint(380, 7200)
            under18 = rng.uniform(14.5, 21.5)
            over65 = rng.uniform(17.0, 27.5)
            over80 = over65 * rng.uniform(0.24, 0.36)
            centenarians = rng.choice([0, 1, 2, 3, 4, 6]) if not big else rng.randint(5, 12)
            age = 38.5 + (over65 - 17) * 0.55 - (under18 - 14.5) * 0.25 + rng.uniform(-0.8, 0.8)
            change = rng.uniform(-7.5, 6.0)
            rows.append(
                [
                    code,
                    ortsteil,
                    str(population),
                    f"{under18:.1f}".replace(".", ","),
                    f"{over65:.1f}".replace(".", ","),
                    f"{over80:.1f}".replace(".", ","),
                    str(centenarians),
                    f"{age:.1f}".replace(".", ","),
                    f"{change:.1f}".replace(".", ","),
                ]
            )
    return rows


def dueren_csv():
    lines = [";".join(DATA_HEADERS)] + [";".join(row) for row in dueren_rows()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def dueren(parent, stdout):
    kreis = Region.objects.get(code="05358")
    for gemeinde_code, name, ortsteile in DUEREN:
        ensure_region(gemeinde_code, name, "Gemeinde")
        for number, ortsteil in enumerate(ortsteile, start=1):
            ensure_region(f"{gemeinde_code}{number:03d}", ortsteil, "Ortsteil")
    final, created = ensure_child(
        parent,
        ReportPage,
        "abschlussbericht-kreis-dueren-dwk",
        title="Abschlussbericht des Kreises Düren in der Demografiewerkstatt Kommunen",
        kind=ReportKind.FINAL,
        year=2021,
        region=kreis,
        publisher="Kreis Düren",
        summary=(
            "Fünf Jahre lang hat der Kreis Düren das fünfstufige Vorgehen der Demografiewerkstatt "
            "Kommunen erprobt. Der Bericht lässt vor allem die Menschen zu Wort kommen, die die "
            "Projekte getragen haben."
        ),
        key_findings=(
            "<ul><li>Eine Zukunftswerkstatt mit rund 100 Fachleuten und einer Schülergruppe legte 2017 "
            "Zukunftsbilder für fünf Handlungsfelder fest.</li>"
            "<li>Der Werkzeugkatalog sammelt 100 bestehende und neue Werkzeuge.</li>"
            "<li>Erstmals wurde das Ehrenamt im Kreis systematisch erhoben; ein Handlungskonzept "
            "zur Engagementförderung folgt.</li>"
            "<li>Der Werkstattplan bleibt ein Arbeitsinstrument, an dem weiter gefeilt wird.</li></ul>"
        ),
        report_file=ensure_pdf(
            "Abschlussbericht Kreis Düren DWK",
            [
                "Fünf Jahre Demografiewerkstatt Kommunen im Kreis Düren (Demo-Auszug).",
                "Die fünfstufige Systematik der DWK wurde modellhaft erprobt; im Vordergrund",
                "stehen die Menschen, die die Projekte umgesetzt haben.",
                "Am 23. Juni 2020 beschloss der Kreistag einstimmig ein Konzept zur Förderung",
                "des ehrenamtlichen Engagements und der Freiwilligenarbeit. Grundlage ist eine",
                "Bestands- und Bedarfsanalyse: was Ehrenamtliche im Kreis brauchen.",
            ],
        ),
        relations={
            "action_fields": fields_for(
                "fachkraefte",
                "bildung",
                "gesellschaftliche-teilhabe",
                "mobilitaet-und-nahversorgung",
                "leben-und-wohnen",
            ),
            "target_groups": groups_for("ehrenamtliche", "verwaltung"),
            "tools": tool_links(ReportTool, "Ausbildungsbörse im Kreishaus", "Bürgerbus Rureifel"),
        },
        tags=["Demografiewerkstatt Kommunen", "Abschlussbericht", "Ehrenamt"],
    )
    if created:
        stdout.write("  Bericht „Abschlussbericht Kreis Düren“ angelegt")

    Document = get_document_model()
    title = "Datencheck 2020 Kreis Düren (Tabelle)"
    table = Document.objects.filter(title=title).first()
    if table is None:
        table = Document(title=title, collection=private_collection())
        table.file.save("datencheck-2020.csv", ContentFile(dueren_csv()), save=False)
        table.save()
    _page, created = ensure_child(
        parent,
        DataReportPage,
        "datencheck-2020-kreis-dueren",
        title="Datencheck 2020 Kreis Düren",
        region=kreis,
        reference_date=d(2019, 12, 31),
        source="Demo-Daten (erfunden, angelehnt an den Datencheck 2020 des Kreises Düren)",
        summary=(
            "Kleinräumige Kennzahlen zu Alter und Bevölkerungsentwicklung für Orts- und Stadtteile "
            "im Kreis Düren. Jede fünfte Person im Kreis ist 65 Jahre oder älter."
        ),
        notes=(
            "<p>Die Zahlen dieser Demo sind erzeugt und nicht amtlich. Der echte Datencheck stellt "
            "181 Orts- und Stadtteile in 15 Kommunen dar.</p>"
        ),
        data_file=table,
        chart_indicators="Anteil 65+; Anteil 80+; Veränderung seit 2010 in %",
        relations={
            "action_fields": fields_for(
                "demografienetzwerk-und-verwaltung", "gesundheit-und-pflege"
            ),
            "target_groups": groups_for("verwaltung", "politik"),
        },
        tags=["Datencheck", "Kleinräumige Daten"],
    )
    if created:
        stdout.write("  Datenbericht „Datencheck 2020 Kreis Düren“ angelegt")
    ensure_evaluation(stdout)


def ensure_evaluation(stdout):
    """Proven practice „evaluiert“: the Mitfahrbänke of the Kreis Düren catalogue with their
    evaluation report (the catalogue demo cannot make a PDF; this app can). Only where the tool
    has no quality status yet, so an editor's choice stays."""
    from catalogue.models import QualityStatus, ToolPage

    tool = ToolPage.objects.filter(title="Mitfahrbänke", quality_status="").first()
    if tool is None:
        return
    tool.quality_status = QualityStatus.EVALUATED
    tool.evaluation_document = ensure_pdf(
        "Evaluation Mitfahrbänke Kreis Düren 2019",
        [
            "Evaluationsbericht (Demo-Auszug).",
            "Befragung an zwölf Bänken in vier Orten: genutzt vor allem vormittags,",
            "zu wenig Mitnahmen für einen dauerhaften Betrieb; Empfehlung: Standorte als",
            "Haltestellen des Rufbusses weiterführen.",
        ],
    )
    tool.save_revision().publish()
    stdout.write("  Qualitätsstatus „evaluiert“ für „Mitfahrbänke“ gesetzt")
