"""Seed the standard action fields, target groups and the shipped Länder/Kreise.

Frozen: the vocabulary as it was shipped is written out here and the regions are read from a copy
(0002_regions.csv) beside this file, so later edits of taxonomy.vocabulary or taxonomy/data
never rewrite what this migration did. Newer data arrives through `import_regions` and editors.
"""

import csv
from pathlib import Path

from django.db import migrations

REGIONS = Path(__file__).with_name("0002_regions.csv")
PREFIX_LENGTHS = (8, 5, 3, 2)
# slug, name, icon, colour, description
ACTION_FIELDS = [
    ('fachkraefte', 'Fachkräfte', 'fachkraefte', '#8a4b08', 'Fachkräfte gewinnen, halten und qualifizieren, z. B. in der Pflege.'),
    ('bildung', 'Bildung', 'bildung', '#5b3c88', 'Lebenslanges Lernen von der Kita bis zur Seniorenakademie.'),
    ('gesellschaftliche-teilhabe', 'Gesellschaftliche Teilhabe', 'teilhabe', '#a0204c', 'Teilhabe für alle Generationen, Inklusion, Armut verhindern.'),
    ('mobilitaet-und-nahversorgung', 'Mobilität & Nahversorgung', 'mobilitaet', '#0f6674', 'Bürgerbus, Rufbus, Dorfladen: unterwegs sein und versorgt bleiben.'),
    ('leben-und-wohnen', 'Leben & Wohnen', 'wohnen', '#2f5d1e', 'Wohnberatung, Quartiere, Wohnen im Alter und für Familien.'),
    ('gesundheit-und-pflege', 'Gesundheit & Pflege', 'gesundheit', '#b3261e', 'Gesundheitsförderung, Pflegestrukturen, Prävention im Quartier.'),
    ('integration-und-vielfalt', 'Integration & Vielfalt', 'vielfalt', '#6d4c1f', 'Zuwanderung, kulturelle Vielfalt und Zusammenhalt.'),
    ('buergerbeteiligung-und-engagement', 'Bürgerbeteiligung & Engagement', 'beteiligung', '#7a3e8e', 'Ehrenamt stärken, Zukunftswerkstätten, Beteiligungsformate.'),
    ('demografienetzwerk-und-verwaltung', 'Demografienetzwerk & Verwaltung', 'netzwerk', '#1f4e79', 'Ressortübergreifende Zusammenarbeit, Daten und Steuerung.'),
]
# slug, name
TARGET_GROUPS = [
    ('seniorinnen-und-senioren', 'Seniorinnen und Senioren'),
    ('hochaltrige-und-pflegebeduerftige', 'Hochaltrige und Pflegebedürftige'),
    ('familien', 'Familien'),
    ('kinder-und-jugendliche', 'Kinder und Jugendliche'),
    ('menschen-mit-migrationsgeschichte', 'Menschen mit Migrationsgeschichte'),
    ('menschen-mit-behinderung', 'Menschen mit Behinderung'),
    ('ehrenamtliche', 'Ehrenamtliche'),
    ('fachkraefte', 'Fachkräfte'),
    ('auszubildende-und-studierende', 'Auszubildende und Studierende'),
    ('unternehmen', 'Unternehmen'),
    ('verwaltung', 'Verwaltung'),
    ('politik', 'Politik'),
    ('zivilgesellschaft-und-vereine', 'Zivilgesellschaft und Vereine'),
    ('buergerinnen-und-buerger', 'Bürgerinnen und Bürger'),
]


def parent_code(code, known):
    """The longest proper prefix of `code` that is a known region code."""
    for length in PREFIX_LENGTHS:
        if length < len(code) and code[:length] in known:
            return code[:length]
    return None


def seed(apps, schema_editor):
    ActionField = apps.get_model("taxonomy", "ActionField")
    TargetGroup = apps.get_model("taxonomy", "TargetGroup")
    for order, (slug, name, icon, colour, description) in enumerate(ACTION_FIELDS):
        ActionField.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "icon": icon,
                "colour": colour,
                "description": description,
                "sort_order": order,
            },
        )
    for order, (slug, name) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    Region = apps.get_model("taxonomy", "Region")
    with open(REGIONS, encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle, delimiter=";"), key=lambda r: (len(r["code"]), r["code"]))
    known = {row["code"] for row in rows}
    by_code = {r.code: r for r in Region.objects.all()}
    for row in rows:
        if row["code"] in by_code:
            continue
        parent = by_code.get(parent_code(row["code"], known))
        by_code[row["code"]] = Region.objects.create(
            code=row["code"], name=row["name"], level=int(row["level"]), kind=row["kind"], parent=parent
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
