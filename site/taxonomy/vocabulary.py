"""The standard action fields and target groups every installation starts with (from the seeds)."""

from django.utils.text import slugify

from werkstatt.umlauts import spell_out

ACTION_FIELDS = [
    # name, icon, colour (white text on it meets 4.5:1), description
    (
        "Fachkräfte",
        "fachkraefte",
        "#8a4b08",
        "Fachkräfte gewinnen, halten und qualifizieren, z. B. in der Pflege.",
    ),
    ("Bildung", "bildung", "#5b3c88", "Lebenslanges Lernen von der Kita bis zur Seniorenakademie."),
    (
        "Gesellschaftliche Teilhabe",
        "teilhabe",
        "#a0204c",
        "Teilhabe für alle Generationen, Inklusion, Armut verhindern.",
    ),
    (
        "Mobilität & Nahversorgung",
        "mobilitaet",
        "#0f6674",
        "Bürgerbus, Rufbus, Dorfladen: unterwegs sein und versorgt bleiben.",
    ),
    (
        "Leben & Wohnen",
        "wohnen",
        "#2f5d1e",
        "Wohnberatung, Quartiere, Wohnen im Alter und für Familien.",
    ),
    (
        "Gesundheit & Pflege",
        "gesundheit",
        "#b3261e",
        "Gesundheitsförderung, Pflegestrukturen, Prävention im Quartier.",
    ),
    (
        "Integration & Vielfalt",
        "vielfalt",
        "#6d4c1f",
        "Zuwanderung, kulturelle Vielfalt und Zusammenhalt.",
    ),
    (
        "Bürgerbeteiligung & Engagement",
        "beteiligung",
        "#7a3e8e",
        "Ehrenamt stärken, Zukunftswerkstätten, Beteiligungsformate.",
    ),
    (
        "Demografienetzwerk & Verwaltung",
        "netzwerk",
        "#1f4e79",
        "Ressortübergreifende Zusammenarbeit, Daten und Steuerung.",
    ),
]

TARGET_GROUPS = [
    "Seniorinnen und Senioren",
    "Hochaltrige und Pflegebedürftige",
    "Familien",
    "Kinder und Jugendliche",
    "Menschen mit Migrationsgeschichte",
    "Menschen mit Behinderung",
    "Ehrenamtliche",
    "Fachkräfte",
    "Auszubildende und Studierende",
    "Unternehmen",
    "Verwaltung",
    "Politik",
    "Zivilgesellschaft und Vereine",
    "Bürgerinnen und Bürger",
]


def slug_for(name):
    return slugify(spell_out(name.replace("&", "und")))


def seed_vocabulary(ActionField, TargetGroup):  # noqa: N803 - models passed in from migrations
    """Create missing standard entries; never overwrites what editors changed."""
    for order, (name, icon, colour, description) in enumerate(ACTION_FIELDS):
        ActionField.objects.get_or_create(
            slug=slug_for(name),
            defaults={
                "name": name,
                "icon": icon,
                "colour": colour,
                "description": description,
                "sort_order": order,
            },
        )
    for order, name in enumerate(TARGET_GROUPS):
        TargetGroup.objects.get_or_create(
            slug=slug_for(name), defaults={"name": name, "sort_order": order}
        )
