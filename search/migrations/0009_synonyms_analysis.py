"""German analysis in Python for every backend; editors' synonym sets with a seed list.

PostgreSQL: `search_text_write` now takes the texts as analysed by `search.text.stems()`
(gender forms, stems, compound parts: the same terms SQLite's FTS5 stores) and builds `simple`
vectors of them. Existing text rows of both databases are rewritten here with the new analysis.
"""

from django.db import migrations, models

SEED_SYNONYMS = [
    "ÖPNV, Nahverkehr, öffentlicher Nahverkehr, Busverkehr",
    "Ältere, Senioren, ältere Menschen, Hochbetagte",
    "Kita, Kindertagesstätte, Kindergarten",
    "Ehrenamt, bürgerschaftliches Engagement, Freiwilligenarbeit",
    "Barrierefreiheit, barrierefrei, Inklusion",
    "Jugendliche, junge Menschen, Jugend",
    "Hausarzt, Allgemeinmedizin, ärztliche Versorgung",
    "Quartier, Stadtteil, Nachbarschaft",
    "Leerstand, Brachfläche",
    "Zuwanderung, Migration, Integration",
]

WRITE = """
CREATE OR REPLACE FUNCTION search_text_write(
    ids bigint[], titles text[], summaries text[], keywords text[], bodies text[]
) RETURNS void LANGUAGE sql VOLATILE AS $$
    INSERT INTO search_text (document_id, search_vector, title_vector, summary_vector)
    SELECT t.id,
        setweight(to_tsvector('simple'::regconfig, t.title), 'A') ||
        setweight(to_tsvector('simple'::regconfig, t.summary), 'B') ||
        setweight(to_tsvector('simple'::regconfig, t.body || ' ' || t.keywords), 'C'),
        to_tsvector('simple'::regconfig, t.title),
        to_tsvector('simple'::regconfig, t.summary || ' ' || t.keywords)
    FROM unnest(ids, titles, summaries, keywords, bodies) AS t(id, title, summary, keywords, body)
    ON CONFLICT (document_id) DO UPDATE SET
        search_vector = EXCLUDED.search_vector,
        title_vector = EXCLUDED.title_vector,
        summary_vector = EXCLUDED.summary_vector
$$
"""


def seed(apps, schema_editor):
    SynonymSet = apps.get_model("search", "SynonymSet")
    SynonymSet.objects.bulk_create([SynonymSet(terms=line) for line in SEED_SYNONYMS])


def unseed(apps, schema_editor):
    apps.get_model("search", "SynonymSet").objects.filter(terms__in=SEED_SYNONYMS).delete()


def reanalyse(apps, schema_editor):
    """Write every document's text again with the analysis of `search.text.stems()`."""
    from search.text import stems

    connection = schema_editor.connection
    vendor = connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(WRITE)
    if vendor not in ("sqlite", "postgresql"):
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, title, summary, keywords, body FROM search_searchdocument")
        rows = cursor.fetchall()
        for start in range(0, len(rows), 500):
            batch = rows[start : start + 500]
            analysed = [(pk, *(stems(text) for text in texts)) for pk, *texts in batch]
            if vendor == "sqlite":
                cursor.executemany(
                    "UPDATE search_fts SET title = %s, summary = %s, keywords = %s, body = %s "
                    "WHERE rowid = %s",
                    [(*texts, pk) for pk, *texts in analysed],
                )
            else:
                cursor.execute(
                    "SELECT search_text_write(%s, %s, %s, %s, %s)",
                    [list(column) for column in zip(*analysed, strict=True)],
                )


def drop_write(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS search_text_write(bigint[], text[], text[], text[], text[])"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0008_outbox")]

    operations = [
        migrations.CreateModel(
            name="SynonymSet",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "terms",
                    models.TextField(
                        help_text="Begriffe mit derselben Bedeutung, durch Kommas getrennt, "
                        "z. B. „ÖPNV, Nahverkehr, öffentlicher Nahverkehr“.",
                        verbose_name="Begriffe",
                    ),
                ),
            ],
            options={
                "verbose_name": "Synonyme",
                "verbose_name_plural": "Synonyme",
                "ordering": ["terms"],
            },
        ),
        migrations.RunPython(seed, unseed),
        migrations.RunPython(reanalyse, drop_write),
    ]
