"""Lüdenscheid's Demografiekonzept process, four building blocks 2020–2021 (seed 000)."""

from taxonomy.models import Region
from werkstatt.demo import ensure_child

from ..models import (
    ProjectContact,
    ProjectPage,
    ProjectPhase,
    ReportKind,
    ReportPage,
    ReportProject,
    Status,
)
from .common import (
    d,
    ensure_pdf,
    ensure_person,
    fields_for,
    groups_for,
)


def luedenscheid(parent, stdout):
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
    project, created = ensure_child(
        parent,
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
            "action_fields": fields_for(
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
            "target_groups": groups_for("verwaltung", "politik", "seniorinnen-und-senioren"),
        },
        tags=["Demografiekonzept", "Datenbericht", "Planungsrunde"],
    )
    if created:
        stdout.write("  Projekt „Fortschreibung des Demografiekonzepts Lüdenscheid“ angelegt")
    _page, created = ensure_child(
        parent,
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
            [
                "Planungspapier zur Fortschreibung und Neuausrichtung des Demografiekonzeptes",
                "der Stadt Lüdenscheid (Demo-Auszug). Vier Bausteine, Laufzeit 2020 bis 2021.",
            ],
        ),
        relations={
            "related_projects": [ReportProject(project=project, sort_order=0)],
            "action_fields": fields_for("demografienetzwerk-und-verwaltung"),
        },
        tags=["Demografiekonzept"],
    )
    if created:
        stdout.write("  Bericht „Planungspapier“ (Lüdenscheid) angelegt")
