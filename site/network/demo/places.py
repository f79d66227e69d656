"""Demo places: real municipalities, programmes, organisations and bodies as the seeds name them."""

import datetime

from ..models import BodyKind, MunicipalityKind, OrganisationKind

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
