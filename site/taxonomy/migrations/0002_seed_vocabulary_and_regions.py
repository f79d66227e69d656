"""Seed the standard action fields, target groups and the shipped Länder/Kreise."""

import csv

from django.db import migrations


def seed(apps, schema_editor):
    from taxonomy.regions import DATA_FILE, parent_code
    from taxonomy.vocabulary import seed_vocabulary

    seed_vocabulary(apps.get_model("taxonomy", "ActionField"), apps.get_model("taxonomy", "TargetGroup"))
    Region = apps.get_model("taxonomy", "Region")
    with open(DATA_FILE, encoding="utf-8") as handle:
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
