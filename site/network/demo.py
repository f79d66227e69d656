"""Demo directory: the seeds' municipalities, organisations and bodies, with FICTIONAL contacts.

Real municipalities and programmes are named as in the seeds; every person is invented, with an
address under the reserved `.example` domain. Persons appear in all three visibilities (and one
without consent) so the demo shows what anonymous visitors, members and editors see.
Idempotent: municipalities by region, organisations and bodies by name and municipality,
persons by e-mail, memberships by body, person and start date.
"""

import datetime

from taxonomy.models import ActionField, Region, RegionLevel

from .models import (
    Body,
    BodyKind,
    Membership,
    Municipality,
    MunicipalityKind,
    Organisation,
    OrganisationKind,
    Person,
    Programme,
)

DWK = "Demografiewerkstatt Kommunen"
ZWK = "Zukunftswerkstatt Kommunen – Attraktiv im Wandel"

PROGRAMMES = {
    DWK: "Bundesmodellprogramm: Kommunen erproben über mehrere Jahre, wie sie den demografischen "
    "Wandel mit einem Werkstattplan und Werkzeugen systematisch gestalten.",
    ZWK: "Bundesprogramm: Kommunen entwickeln mit Beteiligungsformaten und Zukunftswerkstätten "
    "Strategien, um im Wandel attraktiv zu bleiben.",
}

# Gemeinden that the shipped region file (Länder, Kreise) does not contain.
GEMEINDEN = [
    ("05962032", "Lüdenscheid", "Stadt"),
    ("05334032", "Stolberg (Rhld.)", "Stadt"),
    ("04012000", "Bremerhaven", "Kreisfreie Stadt"),
]

# key, name, region code, kind, population, year, website, programmes, summary
MUNICIPALITIES = [
    (
        "luedenscheid",
        "Lüdenscheid",
        "05962032",
        MunicipalityKind.STADT,
        72000,
        2023,
        "https://www.luedenscheid.de",
        [],
        "Die Stadt im Märkischen Kreis schreibt ihr Demografiekonzept fort: mit einem "
        "Datenbericht, einer fachbereichsübergreifenden Planungsrunde und Schwerpunkten wie "
        "Quartiersarbeit für ältere Menschen und Fachkräfte in der Pflege.",
    ),
    (
        "kreis-dueren",
        "Kreis Düren",
        "05358",
        MunicipalityKind.LANDKREIS,
        270000,
        2020,
        "https://www.kreis-dueren.de",
        [DWK],
        "Der Kreis hat fünf Jahre lang die Systematik der Demografiewerkstatt erprobt und "
        "daraus unter anderem ein Konzept zur Förderung des Ehrenamts entwickelt.",
    ),
    (
        "stolberg",
        "Stolberg (Rhld.)",
        "05334032",
        MunicipalityKind.STADT,
        56000,
        2023,
        "https://www.stolberg.de",
        [],
        "Mit dem Prozess „Soziale Kupferstadt 2030“ will die Stadt wissen, in welchen "
        "Ortsteilen der Schuh drückt: Sozialbericht, Leitbild, Projekte je Stadtteil.",
    ),
    (
        "bremerhaven",
        "Bremerhaven",
        "04012000",
        MunicipalityKind.KREISFREIE_STADT,
        115000,
        2023,
        "https://www.bremerhaven.de",
        [ZWK],
        "Ein eigener Beirat bindet Verwaltung, Politik, Seniorenbeirat und Migrationsrat in die "
        "Zukunftswerkstatt ein; Stadtteilprofile mit dem Schwerpunkt Gesundheit entstehen.",
    ),
    (
        "ludwigslust-parchim",
        "Landkreis Ludwigslust-Parchim",
        "13076",
        MunicipalityKind.LANDKREIS,
        213000,
        2023,
        "https://www.kreis-lup.de",
        [ZWK],
        "Ein Flächenkreis stärkt das Ehrenamt zuerst in vier Leuchtturmregionen und trägt die "
        "Erfahrungen dann mit Zukunftswerkstätten in den ganzen Landkreis.",
    ),
    ("goerlitz", "Landkreis Görlitz", "14626", MunicipalityKind.LANDKREIS, None, None, "", [], ""),
    (
        "nordfriesland",
        "Kreis Nordfriesland",
        "01054",
        MunicipalityKind.LANDKREIS,
        None,
        None,
        "",
        [],
        "",
    ),
    (
        "hameln-pyrmont",
        "Landkreis Hameln-Pyrmont",
        "03252",
        MunicipalityKind.LANDKREIS,
        None,
        None,
        "",
        [],
        "",
    ),
]

# key, name, kind, municipality key, description
ORGANISATIONS = [
    (
        "lued-stabsstelle",
        "Stabsstelle Demografie und Sozialplanung",
        OrganisationKind.STABSSTELLE,
        "luedenscheid",
        "Koordiniert die Fortschreibung des Demografiekonzepts und die Sozialplanung der Stadt.",
    ),
    (
        "lued-seniorenbeirat",
        "Seniorenbeirat der Stadt Lüdenscheid",
        OrganisationKind.BEIRAT,
        "luedenscheid",
        "Vertritt die Interessen älterer Menschen gegenüber Rat und Verwaltung.",
    ),
    (
        "bhv-stabsstelle",
        "Stabsstelle für Seniorinnen und Senioren, Magistrat Bremerhaven",
        OrganisationKind.STABSSTELLE,
        "bremerhaven",
        "Führt die Geschäfte des ZWK-Beirats.",
    ),
    (
        "bhv-seniorenbeirat",
        "Seniorenbeirat Bremerhaven",
        OrganisationKind.BEIRAT,
        "bremerhaven",
        "",
    ),
    ("bhv-migrationsrat", "Migrationsrat Bremerhaven", OrganisationKind.BEIRAT, "bremerhaven", ""),
    (
        "bhv-sozialausschuss",
        "Sozialausschuss der Stadtverordnetenversammlung",
        OrganisationKind.SONSTIGE,
        "bremerhaven",
        "",
    ),
    (
        "lup-koordination",
        "Koordinierungsstelle Zukunftswerkstatt, Kreisverwaltung Ludwigslust-Parchim",
        OrganisationKind.STABSSTELLE,
        "ludwigslust-parchim",
        "Bündelt die Ehrenamtsstrategie des Landkreises.",
    ),
    (
        "dn-demografie",
        "Kreisverwaltung Düren, Koordination Demografie",
        OrganisationKind.STABSSTELLE,
        "kreis-dueren",
        "Hat die Demografiewerkstatt im Kreis gesteuert.",
    ),
    (
        "stolberg-sozialplanung",
        "Stadt Stolberg, Sozialplanung",
        OrganisationKind.STABSSTELLE,
        "stolberg",
        "Verantwortet Sozialbericht und strategische Sozialplanung.",
    ),
]

STOLBERG_GROUPS = [
    ("AG 1: Arbeit und Beschäftigung, lokale Ökonomie", ["fachkraefte"]),
    ("AG 2: Prekäre Lebenslagen, Inklusion und Teilhabe", ["gesellschaftliche-teilhabe"]),
    ("AG 3: Wohnen, Wohnumfeld und soziale Infrastruktur", ["leben-und-wohnen"]),
    ("AG 4: Bildung – lebenslanges Lernen", ["bildung"]),
    ("AG 5: Familie und Generationen", ["gesellschaftliche-teilhabe"]),
    ("AG 6: Kulturelle Vielfalt", ["integration-und-vielfalt"]),
    ("AG 7: Kinder und Jugendliche", ["bildung"]),
]

# key, name, kind, municipality key, organisation key, parent key, founded, action fields, purpose
BODIES = [
    (
        "bhv-zwk-beirat",
        "ZWK-Beirat Bremerhaven",
        BodyKind.BEIRAT,
        "bremerhaven",
        "bhv-stabsstelle",
        None,
        datetime.date(2022, 1, 15),
        ["gesellschaftliche-teilhabe", "gesundheit-und-pflege", "integration-und-vielfalt"],
        "Der Beirat begleitet die Zukunftswerkstatt strategisch. Er bringt Verwaltung, Sozialausschuss, "
        "Seniorenbeirat und Migrationsrat zusammen, macht die kleinräumig sehr unterschiedlichen Folgen des "
        "demografischen Wandels sichtbar und berät über Schwerpunkte und Projekte, etwa Stadtteilprofile "
        "zur Gesundheit.",
    ),
    (
        "stolberg-lenkungskreis",
        "Lenkungskreis „Soziale Kupferstadt 2030“",
        BodyKind.LENKUNGSKREIS,
        "stolberg",
        "stolberg-sozialplanung",
        None,
        datetime.date(2016, 7, 6),
        ["demografienetzwerk-und-verwaltung"],
        "Steuert die strategische Sozialplanung: vom Sozialbericht über das soziale Leitbild bis zum "
        "integrierten Handlungskonzept für die Stadtteile.",
    ),
    (
        "lued-planungsrunde",
        "Fachbereichsübergreifende Planungsrunde",
        BodyKind.ARBEITSGRUPPE,
        "luedenscheid",
        "lued-stabsstelle",
        None,
        datetime.date(2020, 3, 1),
        ["demografienetzwerk-und-verwaltung"],
        "Trifft sich halbjährlich, stimmt grundlegende Planungsaufgaben in der Verwaltung ab und "
        "interpretiert gemeinsam den Datenbericht.",
    ),
    (
        "lup-leuchttuerme",
        "Netzwerk Leuchtturmregionen Ehrenamt",
        BodyKind.NETZWERK,
        "ludwigslust-parchim",
        "lup-koordination",
        None,
        datetime.date(2021, 9, 1),
        ["buergerbeteiligung-und-engagement"],
        "Vier Leuchtturmregionen erproben neue Wege, Ehrenamtliche zu gewinnen, und geben ihre "
        "Erfahrungen an weitere Ämter weiter.",
    ),
    (
        "dn-steuerung",
        "Steuerungsgruppe Demografiewerkstatt",
        BodyKind.LENKUNGSKREIS,
        "kreis-dueren",
        "dn-demografie",
        None,
        datetime.date(2016, 5, 1),
        ["buergerbeteiligung-und-engagement", "demografienetzwerk-und-verwaltung"],
        "Hat die fünf Stufen der Demografiewerkstatt im Kreis gesteuert und die Projekte ausgewählt.",
    ),
] + [
    (
        f"stolberg-ag{n}",
        name,
        BodyKind.ARBEITSGRUPPE,
        "stolberg",
        "stolberg-sozialplanung",
        "stolberg-lenkungskreis",
        datetime.date(2016, 7, 6),
        fields,
        "Arbeitsgruppe im Prozess „Soziale Kupferstadt 2030“: erarbeitet mit "
        "Bürgerinnen und Bürgern Beiträge zum sozialen Leitbild und Projektideen für die Stadtteile.",
    )
    for n, (name, fields) in enumerate(STOLBERG_GROUPS, start=1)
]

TODAY = datetime.date(2026, 1, 15)
OLD = datetime.date(2024, 2, 1)  # not confirmed for more than 12 months

# name, function, organisation key, email, phone, visibility, consent date, last confirmed, fields
PEOPLE = [
    (
        "Jonas Reckhammer",
        "Leitung der Stabsstelle",
        "lued-stabsstelle",
        "jonas.reckhammer@luedenscheid.example",
        "02351 000-101",
        "public",
        datetime.date(2025, 5, 12),
        TODAY,
        ["demografienetzwerk-und-verwaltung"],
    ),
    (
        "Sabine Okonkwo-Fiedler",
        "Sozialplanerin",
        "lued-stabsstelle",
        "sabine.okonkwo@luedenscheid.example",
        "02351 000-102",
        "members",
        datetime.date(2025, 5, 12),
        TODAY,
        ["leben-und-wohnen", "gesundheit-und-pflege"],
    ),
    (
        "Dieter Hallmann",
        "Vorsitzender",
        "lued-seniorenbeirat",
        "vorsitz@seniorenbeirat-luedenscheid.example",
        "",
        "public",
        datetime.date(2024, 11, 3),
        OLD,
        ["gesellschaftliche-teilhabe"],
    ),
    (
        "Merve Aydın",
        "Quartiersarbeit für ältere Menschen",
        "lued-stabsstelle",
        "merve.aydin@luedenscheid.example",
        "02351 000-104",
        "hidden",
        None,
        None,
        ["leben-und-wohnen"],
    ),
    (
        "Frauke Tjaden",
        "Geschäftsführung ZWK-Beirat",
        "bhv-stabsstelle",
        "frauke.tjaden@bremerhaven.example",
        "0471 000-201",
        "public",
        datetime.date(2025, 3, 1),
        TODAY,
        ["gesellschaftliche-teilhabe", "gesundheit-und-pflege"],
    ),
    (
        "Hauke Dierks",
        "Stadtverordneter",
        "bhv-sozialausschuss",
        "hauke.dierks@bremerhaven.example",
        "",
        "members",
        datetime.date(2025, 3, 1),
        TODAY,
        ["gesellschaftliche-teilhabe"],
    ),
    (
        "Leyla Demir",
        "Sprecherin",
        "bhv-migrationsrat",
        "leyla.demir@migrationsrat-bremerhaven.example",
        "0471 000-203",
        "members",
        datetime.date(2025, 3, 8),
        TODAY,
        ["integration-und-vielfalt"],
    ),
    (
        "Gerd Wübbens",
        "Mitglied",
        "bhv-seniorenbeirat",
        "gerd.wuebbens@seniorenbeirat-bremerhaven.example",
        "",
        "public",
        datetime.date(2022, 2, 1),
        OLD,
        ["gesellschaftliche-teilhabe"],
    ),
    (
        "Imke Rosebrock",
        "Gesundheitsförderung",
        "bhv-stabsstelle",
        "imke.rosebrock@bremerhaven.example",
        "0471 000-205",
        "hidden",
        datetime.date(2025, 3, 1),
        TODAY,
        ["gesundheit-und-pflege"],
    ),
    (
        "Katrin Voß-Lehmann",
        "Koordinatorin Zukunftswerkstatt",
        "lup-koordination",
        "k.voss-lehmann@ludwigslust-parchim.example",
        "03871 000-301",
        "public",
        datetime.date(2025, 6, 2),
        TODAY,
        ["buergerbeteiligung-und-engagement"],
    ),
    (
        "Rüdiger Plath",
        "Ehrenamtslotse",
        "lup-koordination",
        "ruediger.plath@ludwigslust-parchim.example",
        "",
        "members",
        datetime.date(2025, 6, 2),
        TODAY,
        ["buergerbeteiligung-und-engagement", "mobilitaet-und-nahversorgung"],
    ),
    (
        "Annika Schüller",
        "Demografiebeauftragte",
        "dn-demografie",
        "annika.schueller@kreis-dueren.example",
        "02421 000-401",
        "public",
        datetime.date(2023, 9, 1),
        OLD,
        ["demografienetzwerk-und-verwaltung"],
    ),
    (
        "Thomas Esser",
        "Ehrenamtskoordination",
        "dn-demografie",
        "thomas.esser@kreis-dueren.example",
        "",
        "members",
        datetime.date(2024, 1, 10),
        OLD,
        ["buergerbeteiligung-und-engagement"],
    ),
    (
        "Petra Kranz",
        "Sozialplanung",
        "stolberg-sozialplanung",
        "petra.kranz@stolberg.example",
        "02402 000-501",
        "public",
        datetime.date(2025, 1, 20),
        TODAY,
        ["demografienetzwerk-und-verwaltung"],
    ),
    (
        "Markus Offermann",
        "Sprecher AG 1",
        "stolberg-sozialplanung",
        "markus.offermann@stolberg.example",
        "",
        "public",
        datetime.date(2025, 1, 20),
        TODAY,
        ["fachkraefte"],
    ),
    (
        "Julia Brandt",
        "Sprecherin AG 2",
        "stolberg-sozialplanung",
        "julia.brandt@stolberg.example",
        "",
        "members",
        datetime.date(2025, 1, 20),
        TODAY,
        ["gesellschaftliche-teilhabe"],
    ),
    (
        "Stefan Heinrichs",
        "Sprecher AG 3",
        "stolberg-sozialplanung",
        "stefan.heinrichs@stolberg.example",
        "",
        "public",
        datetime.date(2025, 1, 20),
        TODAY,
        ["leben-und-wohnen"],
    ),
    (
        "Brigitte Wolters",
        "ehemalige Sprecherin AG 3",
        "stolberg-sozialplanung",
        "brigitte.wolters@stolberg.example",
        "",
        "members",
        datetime.date(2016, 7, 6),
        OLD,
        ["leben-und-wohnen"],
    ),
    (
        "Nadine Küpper",
        "Sprecherin AG 4",
        "stolberg-sozialplanung",
        "nadine.kuepper@stolberg.example",
        "",
        "members",
        datetime.date(2025, 1, 20),
        TODAY,
        ["bildung"],
    ),
    (
        "Heinz-Josef Lennartz",
        "Sprecher AG 5",
        "stolberg-sozialplanung",
        "hj.lennartz@stolberg.example",
        "",
        "hidden",
        None,
        None,
        ["gesellschaftliche-teilhabe"],
    ),
    (
        "Aylin Çelik",
        "Sprecherin AG 6",
        "stolberg-sozialplanung",
        "aylin.celik@stolberg.example",
        "",
        "public",
        datetime.date(2025, 1, 20),
        TODAY,
        ["integration-und-vielfalt"],
    ),
    (
        "Tim Rütten",
        "Sprecher AG 7",
        "stolberg-sozialplanung",
        "tim.ruetten@stolberg.example",
        "",
        "members",
        datetime.date(2025, 1, 20),
        TODAY,
        ["bildung"],
    ),
]

# body key, person email, role, member group, since, until
MEMBERSHIPS = [
    (
        "bhv-zwk-beirat",
        "frauke.tjaden@bremerhaven.example",
        "Geschäftsführung",
        "Stadtverwaltung",
        datetime.date(2022, 1, 15),
        None,
    ),
    (
        "bhv-zwk-beirat",
        "imke.rosebrock@bremerhaven.example",
        "Mitglied",
        "Stadtverwaltung",
        datetime.date(2022, 1, 15),
        None,
    ),
    (
        "bhv-zwk-beirat",
        "hauke.dierks@bremerhaven.example",
        "Mitglied",
        "Politik (Sozialausschuss)",
        datetime.date(2022, 1, 15),
        None,
    ),
    (
        "bhv-zwk-beirat",
        "leyla.demir@migrationsrat-bremerhaven.example",
        "Mitglied",
        "Migrationsrat",
        datetime.date(2022, 1, 15),
        None,
    ),
    (
        "bhv-zwk-beirat",
        "gerd.wuebbens@seniorenbeirat-bremerhaven.example",
        "Mitglied",
        "Seniorenbeirat",
        datetime.date(2022, 1, 15),
        datetime.date(2023, 12, 31),
    ),
    (
        "stolberg-lenkungskreis",
        "petra.kranz@stolberg.example",
        "Leitung",
        "Verwaltung",
        datetime.date(2016, 7, 6),
        None,
    ),
    (
        "stolberg-ag1",
        "markus.offermann@stolberg.example",
        "Sprecher",
        "",
        datetime.date(2016, 7, 6),
        None,
    ),
    (
        "stolberg-ag2",
        "julia.brandt@stolberg.example",
        "Sprecherin",
        "",
        datetime.date(2016, 7, 6),
        None,
    ),
    (
        "stolberg-ag3",
        "brigitte.wolters@stolberg.example",
        "Sprecherin",
        "",
        datetime.date(2016, 7, 6),
        datetime.date(2018, 6, 30),
    ),
    (
        "stolberg-ag3",
        "stefan.heinrichs@stolberg.example",
        "Sprecher",
        "",
        datetime.date(2018, 7, 1),
        None,
    ),
    (
        "stolberg-ag4",
        "nadine.kuepper@stolberg.example",
        "Sprecherin",
        "",
        datetime.date(2016, 7, 6),
        None,
    ),
    (
        "stolberg-ag5",
        "hj.lennartz@stolberg.example",
        "Sprecher",
        "",
        datetime.date(2016, 7, 6),
        None,
    ),
    (
        "stolberg-ag6",
        "aylin.celik@stolberg.example",
        "Sprecherin",
        "",
        datetime.date(2016, 7, 6),
        None,
    ),
    (
        "stolberg-ag7",
        "tim.ruetten@stolberg.example",
        "Sprecher",
        "",
        datetime.date(2016, 7, 6),
        None,
    ),
    (
        "lued-planungsrunde",
        "jonas.reckhammer@luedenscheid.example",
        "Leitung",
        "Stabsstelle",
        datetime.date(2020, 3, 1),
        None,
    ),
    (
        "lued-planungsrunde",
        "sabine.okonkwo@luedenscheid.example",
        "Mitglied",
        "Stabsstelle",
        datetime.date(2020, 3, 1),
        None,
    ),
    (
        "lup-leuchttuerme",
        "k.voss-lehmann@ludwigslust-parchim.example",
        "Koordination",
        "Kreisverwaltung",
        datetime.date(2021, 9, 1),
        None,
    ),
    (
        "lup-leuchttuerme",
        "ruediger.plath@ludwigslust-parchim.example",
        "Lotse",
        "Leuchtturmregion",
        datetime.date(2021, 9, 1),
        None,
    ),
    (
        "dn-steuerung",
        "annika.schueller@kreis-dueren.example",
        "Leitung",
        "Kreisverwaltung",
        datetime.date(2016, 5, 1),
        datetime.date(2021, 12, 31),
    ),
    (
        "dn-steuerung",
        "thomas.esser@kreis-dueren.example",
        "Mitglied",
        "Ehrenamt",
        datetime.date(2018, 1, 1),
        datetime.date(2021, 12, 31),
    ),
]


def ensure_gemeinde(code, name, kind="Stadt"):
    """Get-or-create a Gemeinde below its Kreis (same code -> same row in every app's demo)."""
    parent = Region.objects.filter(code=code[:5]).first()
    region, _ = Region.objects.get_or_create(
        code=code,
        defaults={"name": name, "level": RegionLevel.GEMEINDE, "kind": kind, "parent": parent},
    )
    return region


def load(stdout):
    """Create the demo directory (idempotent) and report what was new."""
    created = {
        "Kommunen": 0,
        "Organisationen": 0,
        "Gremien": 0,
        "Personen": 0,
        "Mitgliedschaften": 0,
    }
    fields = {f.slug: f for f in ActionField.objects.all()}
    for code, name, kind in GEMEINDEN:
        ensure_gemeinde(code, name, kind)
    programmes = {}
    for name, description in PROGRAMMES.items():
        programmes[name], _ = Programme.objects.get_or_create(
            name=name, defaults={"description": description}
        )

    municipalities = {}
    for key, name, code, kind, population, year, website, progs, summary in MUNICIPALITIES:
        region = Region.objects.get(code=code)
        municipality, new = Municipality.objects.get_or_create(
            region=region,
            defaults={
                "name": name,
                "slug": key,
                "kind": kind,
                "population": population,
                "population_year": year,
                "website": website,
                "summary": summary,
            },
        )
        if new:
            municipality.programmes.set([programmes[p] for p in progs])
            created["Kommunen"] += 1
        municipalities[key] = municipality

    organisations = {}
    for key, name, kind, municipality_key, description in ORGANISATIONS:
        organisations[key], new = Organisation.objects.get_or_create(
            name=name,
            municipality=municipalities[municipality_key],
            defaults={"kind": kind, "description": description},
        )
        created["Organisationen"] += new

    bodies = {}
    for key, name, kind, m_key, o_key, parent_key, founded, slugs, purpose in BODIES:
        body, new = Body.objects.get_or_create(
            name=name,
            municipality=municipalities[m_key],
            defaults={
                "kind": kind,
                "organisation": organisations[o_key],
                "parent": bodies.get(parent_key),
                "founded": founded,
                "purpose": purpose,
            },
        )
        if new:
            body.action_fields.set([fields[s] for s in slugs if s in fields])
            created["Gremien"] += 1
        bodies[key] = body

    people = {}
    for name, function, o_key, email, phone, visibility, consent, confirmed, slugs in PEOPLE:
        organisation = organisations[o_key]
        person, new = Person.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "function": function,
                "organisation": organisation,
                "municipality": organisation.municipality,
                "phone": phone,
                "visibility": visibility,
                "requested_visibility": visibility,
                "consent_given": consent is not None,
                "consent_date": consent,
                "consent_method": "Einwilligungsformular (Demo)" if consent else "",
                "last_confirmed": confirmed,
                "source": "Demo-Inhalte",
            },
        )
        if new:
            person.full_clean()
            person.action_fields.set([fields[s] for s in slugs if s in fields])
            created["Personen"] += 1
        people[email] = person

    for body_key, email, role, group, since, until in MEMBERSHIPS:
        _, new = Membership.objects.get_or_create(
            body=bodies[body_key],
            person=people[email],
            since=since,
            defaults={"role": role, "group": group, "until": until},
        )
        created["Mitgliedschaften"] += new

    stdout.write(
        "  Netzwerk: " + ", ".join(f"{count} {label} neu" for label, count in created.items())
    )
