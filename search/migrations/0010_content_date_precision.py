"""Content dates: how exact a document's date is (a day, or only the year of a tool's first use
or a report's publication).

SQLite remakes `search_searchdocument` to add the column, which drops its triggers (the FTS5
cleanup of 0002/0005 and the snapshot-token triggers of 0007); they are created again here.
Existing rows keep "tag" until `rebuild_search` asks the adapters for their content dates
(`check_search` reports them as stale until then only if their content date changed).
"""

from django.db import migrations, models

from ._per_vendor import run

SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS search_fts_cleanup AFTER DELETE ON search_searchdocument "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END",
    *(
        f"CREATE TRIGGER IF NOT EXISTS search_searchdocument_state_{event.lower()} AFTER {event} "
        "ON search_searchdocument BEGIN INSERT OR REPLACE INTO search_searchstate (id, token) "
        "VALUES (1, lower(hex(randomblob(16)))); END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
]


class Migration(migrations.Migration):
    dependencies = [("search", "0009_synonyms_analysis")]

    operations = [
        # Backwards, removing the field remakes the table last: the triggers come back then.
        migrations.RunPython(migrations.RunPython.noop, run({"sqlite": SQLITE_TRIGGERS})),
        migrations.AddField(
            model_name="searchdocument",
            name="date_precision",
            field=models.CharField(
                choices=[("tag", "Tag"), ("jahr", "Jahr")],
                default="tag",
                max_length=4,
                verbose_name="Genauigkeit des Datums",
            ),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="date",
            field=models.DateField(
                blank=True,
                db_index=True,
                help_text="Datum des Inhalts (Werkzeug: erstes Jahr, Bericht: Erscheinen, "
                "Projekt: Beginn).",
                null=True,
                verbose_name="Datum",
            ),
        ),
        migrations.RunPython(run({"sqlite": SQLITE_TRIGGERS}), migrations.RunPython.noop),
    ]
