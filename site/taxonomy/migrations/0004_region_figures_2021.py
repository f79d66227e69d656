import csv
from pathlib import Path

from django.db import migrations

FIGURES = Path(__file__).with_name("0004_region_figures_2021.csv")


def load(apps, schema_editor):
    """Area and population of every Kreis at the second reference date (Destatis, 31.12.2021),
    read from the frozen copy beside this file; with 0003 the population change is known."""
    Region = apps.get_model("taxonomy", "Region")
    RegionFigure = apps.get_model("taxonomy", "RegionFigure")
    with open(FIGURES, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    regions = dict(
        Region.objects.filter(code__in={r["code"] for r in rows}).values_list("code", "pk")
    )
    RegionFigure.objects.bulk_create(
        [
            RegionFigure(
                region_id=regions[row["code"]],
                date=row["date"],
                area_km2=row["area_km2"],
                population=int(row["population"]),
            )
            for row in rows
            if row["code"] in regions
        ],
        ignore_conflicts=True,
    )


def unload(apps, schema_editor):
    apps.get_model("taxonomy", "RegionFigure").objects.filter(date="2021-12-31").delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_region_figures")]

    operations = [migrations.RunPython(load, unload)]
