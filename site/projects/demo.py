"""Demo content of the projects section, modelled on the seeds (texts rewritten, people fictional).

Stolberg's "Soziale Kupferstadt 2030", Lüdenscheid's Demografiekonzept process, Kreis Düren's
final report and "Datencheck 2020" (generated figures for Ortsteile), and two seminar
contributions (Bremerhaven, Ludwigslust-Parchim). Idempotent: pages are keyed by slug,
documents by title, regions by code.
"""

import datetime
import random

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from taxonomy.models import ActionField, Region, RegionLevel, TargetGroup
from werkstatt.demo import get_home

from .datareports.storage import private_collection, root_collection
from .models import (
    DataReportPage,
    ProjectContact,
    ProjectDocument,
    ProjectIndexPage,
    ProjectPage,
    ProjectPhase,
    ReportKind,
    ReportPage,
    ReportProject,
    ReportTool,
    Status,
    WorkingGroup,
)
from .pdf import minimal_pdf

GEMEINDEN = [
    # code, name, parent Kreis
    ("05334032", "Stolberg (Rhld.)", "05334"),
    ("05962032", "Lüdenscheid", "05962"),
    ("04012000", "Bremerhaven", "04012"),
]

# Kreis Düren: its 15 Kommunen and a few Orts- und Stadtteile each (names real, figures invented).
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


def _fields(*slugs):
    return list(ActionField.objects.filter(slug__in=slugs))


def _groups(*slugs):
    return list(TargetGroup.objects.filter(slug__in=slugs))


def ensure_region(code, name, parent_code, level=RegionLevel.GEMEINDE, kind="Gemeinde"):
    region, _created = Region.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "level": level,
            "kind": kind,
            "parent": Region.objects.get(code=parent_code),
        },
    )
    return region


def ensure_pdf(title, lines):
    """A placeholder PDF document, found again by its title."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title, collection=root_collection())
    name = "".join(c if c.isalnum() else "-" for c in title.lower())[:60].strip("-") + ".pdf"
    document.file.save(name, ContentFile(minimal_pdf(title, lines)), save=False)
    document.save()
    return document


def ensure_page(parent, model, slug, relations=None, tags=(), **fields):
    """Create and publish a child page with its inline relations and m2m, unless it exists."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    for name, items in (relations or {}).items():
        setattr(page, name, items)
    parent.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    page.save_revision().publish()
    return page, True


def ensure_person(email, name, function, region_code, municipality_name, visibility="public"):
    """A fictional contact: the network demo's person with this e-mail, or a new one like it."""
    from network.models import Municipality, Person

    municipality = Municipality.objects.filter(region__code=region_code).first()
    if municipality is None:
        municipality = Municipality.objects.create(
            name=municipality_name, region=Region.objects.get(code=region_code), kind="stadt"
        )
    consent = visibility != "hidden"
    person, _created = Person.objects.get_or_create(
        email=email,
        defaults={
            "name": name,
            "function": function,
            "municipality": municipality,
            "visibility": visibility,
            "consent_given": consent,
            "consent_date": datetime.date(2024, 5, 2) if consent else None,
            "consent_method": "Demo-Inhalt (erfundene Person)" if consent else "",
            "source": "Demo-Inhalte",
        },
    )
    return person


def network_body(region_code, name_prefix):
    """The network's body for a working group (the network demo creates Stolberg's AG 1–7)."""
    from network.models import Body

    return Body.objects.filter(
        municipality__region__code=region_code, name__startswith=name_prefix
    ).first()


def tool_links(model, *titles):
    """Links to catalogue tools by title (the catalogue demo creates Kreis Düren's tools)."""
    from catalogue.models import ToolPage

    tools = [ToolPage.objects.filter(title=title).first() for title in titles]
    return [model(tool=tool, sort_order=i) for i, tool in enumerate(t for t in tools if t)]


def d(year, month, day=1):
    return datetime.date(year, month, day)


def stolberg(section, stdout):
    region = Region.objects.get(code="05334032")
    sozialbericht = ensure_pdf(
        "Sozialbericht Stolberg 2016",
        ["Platzhalter für den Demo-Inhalt.", "Sozialbericht der Kupferstadt Stolberg."],
    )
    kickoff = ensure_pdf(
        "Dokumentation Kick-off-Workshop Soziale Kupferstadt 2030",
        ["Platzhalter für den Demo-Inhalt.", "Kick-off-Workshop am 6. Juli 2016."],
    )
    teilhabe, wohnen, bildung, vielfalt, fachkraefte = (
        ActionField.objects.filter(slug=s).first()
        for s in (
            "gesellschaftliche-teilhabe",
            "leben-und-wohnen",
            "bildung",
            "integration-und-vielfalt",
            "fachkraefte",
        )
    )
    groups = [
        (
            "AG 1: Arbeit, Beschäftigung und lokale Wirtschaft",
            fachkraefte,
            "Wie entstehen im Ort Arbeitsplätze und Wege in Beschäftigung, gerade für Menschen ohne Berufsabschluss?",
        ),
        (
            "AG 2: Schwierige Lebenslagen, Inklusion und Teilhabe",
            teilhabe,
            "Armut vorbeugen und Menschen in belasteten Lebenslagen erreichen.",
        ),
        (
            "AG 3: Wohnen, Wohnumfeld und soziale Infrastruktur",
            wohnen,
            "Bezahlbarer Wohnraum, Treffpunkte und Versorgung in den Vierteln.",
        ),
        (
            "AG 4: Bildung und lebenslanges Lernen",
            bildung,
            "Bildungswege von der Kita bis ins Alter, Übergänge ohne Brüche.",
        ),
        (
            "AG 5: Familie und Generationen",
            teilhabe,
            "Angebote, die Familien entlasten und Jung und Alt zusammenbringen.",
        ),
        (
            "AG 6: Kulturelle Vielfalt",
            vielfalt,
            "Zusammenleben in einer Stadt mit vielen Herkunftsgeschichten.",
        ),
        (
            "AG 7: Kinder und Jugendliche",
            bildung,
            "Was junge Menschen in ihrem Stadtteil brauchen, gefragt bei ihnen selbst.",
        ),
    ]
    project, created = ensure_page(
        section,
        ProjectPage,
        "soziale-kupferstadt-2030",
        title="Soziale Kupferstadt 2030",
        summary=(
            "Stolberg will genau wissen, in welchen Ortsteilen es soziale Probleme gibt, und die "
            "benachteiligten Viertel gezielt stärken. Der Weg führt über eine Bestandsaufnahme "
            "mit Bürgerbefragung zu einem sozialen Leitbild und zu Projekten für jeden Stadtteil."
        ),
        region=region,
        funding_programme="Initiative „Starke Menschen – starke Ortsteile“",
        period_start=d(2015, 1),
        period_end=d(2017, 12, 31),
        status=Status.RUNNING,
        good_practice=True,
        participation_formats=[
            "befragung-online",
            "befragung-offline",
            "workshop",
            "expertenkonferenz",
            "arbeitsgruppe",
        ],
        body=[
            ("heading", "Worum es geht"),
            (
                "text",
                "<p>Die strategische Sozialplanung der Kupferstadt soll Belastungen nicht nur "
                "vermuten, sondern belegen: mit Daten aus allen Ämtern und mit dem, was die "
                "Menschen selbst über ihr Viertel sagen. Als Fachleute gelten dabei alle, die "
                "über ihren Stadtteil Auskunft geben können.</p>",
            ),
        ],
        results=(
            "<p>Der Sozialbericht erschien im Juni 2016. Beim Kick-off-Workshop im Juli 2016 "
            "gründeten sich sieben Arbeitsgruppen, die bis Oktober gemeinsam mit Bürgerinnen und "
            "Bürgern das soziale Leitbild und die Ziele der Sozialplanung formulieren.</p>"
        ),
        relations={
            "phases": [
                ProjectPhase(
                    title="Bestandsaufnahme",
                    start=d(2015, 1),
                    end=d(2016, 6, 30),
                    status=Status.FINISHED,
                    description=(
                        "<p>Daten der Ämter zur wirtschaftlichen und sozialen Lage zusammentragen; "
                        "Bürgerbefragung online und auf Papier zum Leben im eigenen Viertel; "
                        "Workshops und Expertenkonferenzen; Sozialbericht.</p>"
                    ),
                    sort_order=0,
                ),
                ProjectPhase(
                    title="Soziales Leitbild",
                    start=d(2016, 7),
                    end=d(2016, 10, 31),
                    status=Status.RUNNING,
                    description=(
                        "<p>Aus den guten und schwierigen Bedingungen der Stadtteile entsteht mit "
                        "Vereinen, Initiativen und Menschen aus den Vierteln ein Leitbild.</p>"
                    ),
                    sort_order=1,
                ),
                ProjectPhase(
                    title="Integriertes Handlungskonzept",
                    start=d(2016, 11),
                    end=d(2017, 12, 31),
                    status=Status.PLANNED,
                    description=(
                        "<p>Nach dem Ratsbeschluss entstehen mit den Bürgerinnen und Bürgern "
                        "Projekte, die in jedem Stadtteil passen, auch gegen Armut.</p>"
                    ),
                    sort_order=2,
                ),
            ],
            "working_groups": [
                WorkingGroup(
                    name=name,
                    action_field=field,
                    description=text,
                    body=network_body("05334032", name.split(":")[0] + ":"),
                    sort_order=i,
                )
                for i, (name, field, text) in enumerate(groups)
            ],
            "documents": [ProjectDocument(document=kickoff, sort_order=0)],
            "contacts": [
                ProjectContact(
                    person=ensure_person(
                        "petra.kranz@stolberg.example",
                        "Petra Kranz",
                        "Sozialplanung",
                        "05334032",
                        "Stolberg (Rhld.)",
                    ),
                    role="Koordination des Prozesses",
                    sort_order=0,
                ),
                ProjectContact(
                    person=ensure_person(
                        "malte.ortlieb@stolberg.example",
                        "Malte Ortlieb",
                        "Statistikstelle",
                        "05334032",
                        "Stolberg (Rhld.)",
                        visibility="hidden",
                    ),
                    role="Auswertung der Befragung",
                    sort_order=1,
                ),
            ],
            "action_fields": _fields("gesellschaftliche-teilhabe", "leben-und-wohnen", "bildung"),
            "target_groups": _groups(
                "buergerinnen-und-buerger", "familien", "kinder-und-jugendliche"
            ),
        },
        tags=["Sozialplanung", "Bürgerbefragung", "Quartier"],
    )
    if created:
        stdout.write("  Projekt „Soziale Kupferstadt 2030“ angelegt")
    _report, created = ensure_page(
        section,
        ReportPage,
        "sozialbericht-stolberg-2016",
        title="Sozialbericht Stolberg 2016",
        kind=ReportKind.SOCIAL,
        year=2016,
        region=region,
        publisher="Stadt Stolberg",
        summary=(
            "Der erste Sozialbericht der Kupferstadt beschreibt die Lebenslagen in den Ortsteilen "
            "und die Zufriedenheit der Bürgerinnen und Bürger mit ihrem Viertel."
        ),
        key_findings=(
            "<ul><li>Die Ortsteile unterscheiden sich stark in Einkommen, Bildung und Wohnsituation.</li>"
            "<li>Die Befragung zeigt, in welchen Lebensbereichen die Zufriedenheit am geringsten ist.</li>"
            "<li>Der Bericht ist Grundlage für Leitbild und Handlungskonzept.</li></ul>"
        ),
        report_file=sozialbericht,
        relations={
            "related_projects": [ReportProject(project=project, sort_order=0)],
            "action_fields": _fields("gesellschaftliche-teilhabe"),
        },
        tags=["Sozialplanung", "Sozialbericht"],
    )
    if created:
        stdout.write("  Bericht „Sozialbericht Stolberg 2016“ angelegt")


def luedenscheid(section, stdout):
    region = Region.objects.get(code="05962032")
    blocks = [
        (
            "Baustein 1: Mehrdimensionaler Datenbericht",
            d(2020, 1),
            d(2020, 12, 31),
            "<p>Eine gemeinsame Informationsbasis auf dem Datenstand 2019 mit dem Schwerpunkt "
            "Bevölkerung und Alter, von mehreren Fachbereichen gemeinsam gedeutet und 2020 abgestimmt.</p>",
        ),
        (
            "Baustein 2: Fachbereichsübergreifende Planungsrunde",
            d(2020, 3),
            d(2021, 12, 31),
            "<p>Die Verwaltung stimmt grundlegende Planungsaufgaben enger ab: Austausch zum Datenbericht, "
            "Absprachen zur Zusammenarbeit, Treffen zweimal im Jahr. Die Runde soll nach dem Prozess "
            "weiterbestehen.</p>",
        ),
        (
            "Baustein 3: Weiterentwicklung des Demografiekonzepts",
            d(2020, 9),
            d(2021, 6, 30),
            "<p>Ein Workshoptag mit Verwaltung, Politik und Zivilgesellschaft setzt Prioritäten bei den "
            "Handlungsfeldern; eine Befragung wählt darin Arbeitsschwerpunkte aus.</p>",
        ),
        (
            "Baustein 4: Schwerpunkte in ausgewählten Handlungsfeldern",
            d(2021, 1),
            d(2021, 12, 31),
            "<p>Stadtteilorientierung, Quartiersarbeit für Ältere, global nachhaltige Kommune, Wohnen "
            "und Fachkräfte in der Pflege; dazu Formate wie „Generationen im Gespräch“ und ein Dialog "
            "zur Integration.</p>",
        ),
    ]
    project, created = ensure_page(
        section,
        ProjectPage,
        "demografiekonzept-luedenscheid",
        title="Fortschreibung des Demografiekonzepts Lüdenscheid",
        summary=(
            "In zwei Jahren richtet Lüdenscheid seine Demografiearbeit neu aus: vom gemeinsamen "
            "Datenbericht über eine ämterübergreifende Planungsrunde bis zu Schwerpunkten in "
            "ausgewählten Handlungsfeldern, mit Beteiligung von Politik und Stadtgesellschaft."
        ),
        region=region,
        funding_programme="Eigenmittel der Stadt (Stabsstelle Demografie und Sozialplanung)",
        period_start=d(2020, 1),
        period_end=d(2021, 12, 31),
        status=Status.FINISHED,
        participation_formats=["workshop", "befragung-online", "dialogformat"],
        body=[
            (
                "text",
                "<p>Der Fachausschuss für Soziales, Senioren und Demografie gab Ende 2019 den "
                "Auftrag. Das Planungspapier beschreibt die Ausgangslage, die bisherigen "
                "Netzwerke und vier aufeinander aufbauende Bausteine.</p>",
            )
        ],
        results=(
            "<p>Ein abgestimmter Datenbericht, eine dauerhafte Planungsrunde der Fachbereiche und "
            "priorisierte Handlungsfelder mit konkreten Arbeitsschwerpunkten.</p>"
        ),
        relations={
            "phases": [
                ProjectPhase(
                    title=title,
                    start=start,
                    end=end,
                    status=Status.FINISHED,
                    description=text,
                    sort_order=i,
                )
                for i, (title, start, end, text) in enumerate(blocks)
            ],
            "action_fields": _fields(
                "demografienetzwerk-und-verwaltung", "leben-und-wohnen", "fachkraefte"
            ),
            "contacts": [
                ProjectContact(
                    person=ensure_person(
                        "jonas.reckhammer@luedenscheid.example",
                        "Jonas Reckhammer",
                        "Leitung der Stabsstelle",
                        "05962032",
                        "Lüdenscheid",
                    ),
                    role="Ansprechperson für den Prozess",
                    sort_order=0,
                )
            ],
            "target_groups": _groups("verwaltung", "politik", "seniorinnen-und-senioren"),
        },
        tags=["Demografiekonzept", "Datenbericht", "Planungsrunde"],
    )
    if created:
        stdout.write("  Projekt „Fortschreibung des Demografiekonzepts Lüdenscheid“ angelegt")
    _page, created = ensure_page(
        section,
        ReportPage,
        "planungspapier-demografiekonzept-luedenscheid",
        title="Planungspapier zur Fortschreibung des Demografiekonzepts",
        kind=ReportKind.CONCEPT,
        year=2019,
        region=region,
        publisher="Stadt Lüdenscheid, Stabsstelle Demografie und Sozialplanung",
        summary="Ausgangslage, Organisation, Vorgehen und Zeitplan des zweijährigen Prozesses.",
        key_findings=(
            "<ul><li>Vier Bausteine bauen aufeinander auf.</li>"
            "<li>Beteiligung von Verwaltung, Politik und Zivilgesellschaft von Beginn an.</li></ul>"
        ),
        report_file=ensure_pdf(
            "Planungspapier Demografiekonzept Lüdenscheid",
            ["Platzhalter für den Demo-Inhalt.", "Vier Bausteine, Laufzeit 2020 bis 2021."],
        ),
        relations={
            "related_projects": [ReportProject(project=project, sort_order=0)],
            "action_fields": _fields("demografienetzwerk-und-verwaltung"),
        },
        tags=["Demografiekonzept"],
    )
    if created:
        stdout.write("  Bericht „Planungspapier“ (Lüdenscheid) angelegt")


def dueren_rows(seed=2020):
    """Generated, plausible figures for the Ortsteile of Kreis Düren (not real statistics)."""
    rng = random.Random(seed)
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


def dueren(section, stdout):
    kreis = Region.objects.get(code="05358")
    for gemeinde_code, name, ortsteile in DUEREN:
        ensure_region(gemeinde_code, name, "05358")
        for number, ortsteil in enumerate(ortsteile, start=1):
            ensure_region(
                f"{gemeinde_code}{number:03d}",
                ortsteil,
                gemeinde_code,
                level=RegionLevel.ORTSTEIL,
                kind="Ortsteil",
            )
    final, created = ensure_page(
        section,
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
            ["Platzhalter für den Demo-Inhalt.", "Fünf Jahre Demografiewerkstatt Kommunen."],
        ),
        relations={
            "action_fields": _fields(
                "fachkraefte",
                "bildung",
                "gesellschaftliche-teilhabe",
                "mobilitaet-und-nahversorgung",
                "leben-und-wohnen",
            ),
            "target_groups": _groups("ehrenamtliche", "verwaltung"),
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
    _page, created = ensure_page(
        section,
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
            "action_fields": _fields("demografienetzwerk-und-verwaltung", "gesundheit-und-pflege"),
            "target_groups": _groups("verwaltung", "politik"),
        },
        tags=["Datencheck", "Kleinräumige Daten"],
    )
    if created:
        stdout.write("  Datenbericht „Datencheck 2020 Kreis Düren“ angelegt")


SEMINAR = "Seminar „Lokale Dynamiken aktivieren: auf dem Weg zur demografiekompetenten Kommune“"


def seminar(section, stdout):
    bremerhaven = Region.objects.get(code="04012000")
    _page, created = ensure_page(
        section,
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
            ["Platzhalter für den Demo-Inhalt.", "Seminarbeitrag zum ZWK-Beirat."],
        ),
        relations={
            "action_fields": _fields(
                "buergerbeteiligung-und-engagement",
                "gesundheit-und-pflege",
                "integration-und-vielfalt",
            ),
            "target_groups": _groups("politik", "verwaltung", "menschen-mit-migrationsgeschichte"),
        },
        tags=["Beirat", "Zukunftswerkstatt Kommunen", "Stadtteilprofil"],
    )
    if created:
        stdout.write("  Seminarbeitrag Bremerhaven angelegt")
    lup = Region.objects.get(code="13076")
    _page, created = ensure_page(
        section,
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
            ["Platzhalter für den Demo-Inhalt.", "Seminarbeitrag zur Leuchtturm-Strategie."],
        ),
        relations={
            "action_fields": _fields("buergerbeteiligung-und-engagement"),
            "target_groups": _groups("ehrenamtliche", "zivilgesellschaft-und-vereine"),
        },
        tags=["Ehrenamt", "Zukunftswerkstatt Kommunen", "Ländlicher Raum"],
    )
    if created:
        stdout.write("  Seminarbeitrag Ludwigslust-Parchim angelegt")


def ensure_section(stdout):
    home = get_home()
    section = ProjectIndexPage.objects.first()
    if section is None:
        section, _created = ensure_page(
            home,
            ProjectIndexPage,
            "projekte",
            title="Projekte und Berichte",
            intro=(
                "Wie Kommunen vorgegangen sind: Fallbeispiele mit ihren Phasen und Arbeitsgruppen, "
                "veröffentlichte Berichte und kleinräumige Datenberichte."
            ),
            show_in_menus=True,
        )
        stdout.write("  Bereich „Projekte und Berichte“ angelegt")
    return section


def load(stdout):
    for code, name, parent in GEMEINDEN:
        ensure_region(code, name, parent)
    section = ensure_section(stdout)
    stolberg(section, stdout)
    luedenscheid(section, stdout)
    dueren(section, stdout)
    seminar(section, stdout)
