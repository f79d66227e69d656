"""Synonym sets: a change time every process checks (search.synonyms), the abbreviations the
seeds and the field use, and the text index analysed again (compounds with a verb stem as
modifier, „Mitfahrbank“, are split now).

The abbreviations: programmes (DWK, ZWK), laws (SGB, BauGB, BGG, BITV, DSGVO), institutions.
"""

from django.db import migrations, models
from django.utils import timezone

ABBREVIATIONS = [
    "DWK, Demografiewerkstatt Kommunen, Demografiewerkstatt",
    "ZWK, Zukunftswerkstatt Kommunen, Zukunftswerkstatt",
    "SGB XI, Pflegeversicherung, Elftes Buch Sozialgesetzbuch",
    "SGB V, Krankenversicherung, Fünftes Buch Sozialgesetzbuch",
    "SGB XII, Sozialhilfe, Zwölftes Buch Sozialgesetzbuch",
    "SGB II, Bürgergeld, Grundsicherung für Arbeitsuchende",
    "SGB VIII, Kinder- und Jugendhilfe, Achtes Buch Sozialgesetzbuch",
    "SGB IX, Eingliederungshilfe, Teilhabe von Menschen mit Behinderungen",
    "BauGB, Baugesetzbuch",
    "BGG, Behindertengleichstellungsgesetz",
    "BITV, Barrierefreie-Informationstechnik-Verordnung",
    "DSGVO, Datenschutz-Grundverordnung, Datenschutz",
    "LRA, Landratsamt, Kreisverwaltung",
    "AG, Arbeitsgruppe, Arbeitskreis",
    "HF, Handlungsfeld",
    "QM, Quartiersmanagement",
    "MVZ, Medizinisches Versorgungszentrum",
    "VHS, Volkshochschule",
    "KfW, Kreditanstalt für Wiederaufbau",
    "BMFSFJ, Bundesfamilienministerium",
    "BBSR, Bundesinstitut für Bau- Stadt- und Raumforschung",
    "WfbM, Werkstatt für behinderte Menschen",
]


def seed(apps, schema_editor):
    SynonymSet = apps.get_model("search", "SynonymSet")
    SynonymSet.objects.bulk_create([SynonymSet(terms=line) for line in ABBREVIATIONS])


def unseed(apps, schema_editor):
    apps.get_model("search", "SynonymSet").objects.filter(terms__in=ABBREVIATIONS).delete()


def reanalyse(apps, schema_editor):
    """Write every document's text again with the analysis of `search.text.stems()`."""
    from search.text import stems

    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, title, summary, keywords, body FROM search_searchdocument")
        rows = [(pk, *(stems(text) for text in texts)) for pk, *texts in cursor.fetchall()]
        if vendor == "sqlite":
            cursor.executemany(
                "UPDATE search_fts SET title = %s, summary = %s, keywords = %s, body = %s "
                "WHERE rowid = %s",
                [(*texts, pk) for pk, *texts in rows],
            )
        elif vendor == "postgresql" and rows:
            cursor.execute(
                "SELECT search_text_write(%s, %s, %s, %s, %s)",
                [list(column) for column in zip(*rows, strict=True)],
            )


class Migration(migrations.Migration):
    dependencies = [("search", "0014_attachment_text")]

    operations = [
        migrations.AddField(
            model_name="synonymset",
            name="updated",
            field=models.DateTimeField(
                auto_now=True, db_index=True, default=timezone.now, verbose_name="geändert"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(seed, unseed),
        migrations.RunPython(reanalyse, migrations.RunPython.noop),
    ]
