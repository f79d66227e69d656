"""Stolberg's "Soziale Kupferstadt 2030" (seed 004) and its Sozialbericht."""

from taxonomy.models import ActionField, Region
from werkstatt.demo import ensure_child

from ..models import (
    ProjectContact,
    ProjectDocument,
    ProjectPage,
    ProjectPhase,
    ReportKind,
    ReportPage,
    ReportProject,
    Status,
    WorkingGroup,
)
from .common import (
    d,
    ensure_pdf,
    ensure_person,
    fields_for,
    groups_for,
    network_body,
)


def stolberg(parent, stdout):
    region = Region.objects.get(code="05334032")
    sozialbericht = ensure_pdf(
        "Sozialbericht Stolberg 2016",
        [
            "Sozialbericht der Kupferstadt Stolberg (Demo-Auszug), Juni 2016.",
            "Initiative „Starke Menschen – starke Ortsteile“: Sozialberichterstattung und",
            "strategische Sozialplanung. Bestandsaufnahme aus den Daten der Ämter zur",
            "wirtschaftlichen und sozialen Lage, Befragung online und offline.",
            "Lebensqualität in Ortsteil und Stadt; Zufriedenheit nach Lebensbereichen.",
            "Ziel: benachteiligte Ortsteile gezielt weiterentwickeln und die Armutsbekämpfung",
            "auf belegte Herausforderungen stützen.",
        ],
    )
    kickoff = ensure_pdf(
        "Dokumentation Kick-off-Workshop Soziale Kupferstadt 2030",
        [
            "Kick-off-Workshop am 6. Juli 2016 (Demo-Auszug der Dokumentation).",
            "Vorstellung des Sozialberichts, dann Gründung von sieben Arbeitsgruppen:",
            "Arbeit und Beschäftigung, lokale Ökonomie; Prekäre Lebenslagen, Inklusion und",
            "Teilhabe; Wohnen, Wohnumfeld und soziale Infrastruktur; Bildung – lebenslanges",
            "Lernen; Familie und Generationen; Kulturelle Vielfalt; Kinder und Jugendliche.",
            "Bis Oktober 2016 erarbeiten die Gruppen ein soziales Leitbild.",
        ],
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
    project, created = ensure_child(
        parent,
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
            "action_fields": fields_for(
                "gesellschaftliche-teilhabe", "leben-und-wohnen", "bildung"
            ),
            "target_groups": groups_for(
                "buergerinnen-und-buerger", "familien", "kinder-und-jugendliche"
            ),
        },
        tags=["Sozialplanung", "Bürgerbefragung", "Quartier"],
    )
    if created:
        stdout.write("  Projekt „Soziale Kupferstadt 2030“ angelegt")
    _report, created = ensure_child(
        parent,
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
            "action_fields": fields_for("gesellschaftliche-teilhabe"),
        },
        tags=["Sozialplanung", "Sozialbericht"],
    )
    if created:
        stdout.write("  Bericht „Sozialbericht Stolberg 2016“ angelegt")
