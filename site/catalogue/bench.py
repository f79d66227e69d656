"""A generated catalogue file of any size, for the import benchmark and tests."""

import random
import time

import pandas as pd

from taxonomy.models import ActionField, Region, TargetGroup

from .spreadsheet_columns import EXPORT_COLUMNS

VERBS = ["Aufbau", "Ausbau", "Erprobung", "Verstetigung", "Vernetzung", "Qualifizierung"]
THINGS = [
    "Bürgerbus",
    "Wohnlotsen",
    "Dorfladen",
    "Seniorenakademie",
    "Pflegestammtisch",
    "Ehrenamtsbörse",
    "Willkommenslotsen",
    "Jugendforum",
    "Quartierstreff",
    "Gesundheitskiosk",
]


def generate_frame(rows=1000, seed=1):
    """A plausible catalogue file with `rows` distinct tools (German numbers, year ranges, lists)."""
    rng = random.Random(seed)
    fields = list(ActionField.objects.values_list("name", flat=True))
    groups = list(TargetGroup.objects.values_list("name", flat=True))
    regions = list(Region.objects.kreise().values_list("code", flat=True)[:60])
    records = []
    for number in range(1, rows + 1):
        start = rng.randint(2015, 2022)
        records.append(
            {
                "ID": f"B-{number:05d}",
                "Handlungsfeld": "; ".join(rng.sample(fields, rng.choice([1, 1, 2]))),
                "Werkzeug": f"{rng.choice(VERBS)} {rng.choice(THINGS)} Nr. {number}",
                "Status": rng.choice(["bestehend", "neu"]),
                "Kurzbeschreibung": "Ein Werkzeug aus dem generierten Benchmark-Katalog.",
                "Beschreibung": "Erster Absatz der Beschreibung.\n\nZweiter Absatz mit Details.",
                "Zielgruppen": "; ".join(rng.sample(groups, rng.randint(0, 3))),
                "Schlagworte": "; ".join(rng.sample(THINGS, 2)),
                "Umsetzungsort": "ganzer Landkreis",
                "Region": rng.choice(regions),
                "Ansprechperson": "Frau Beispiel, Demografiebeauftragte",
                "Beteiligte": "Verwaltung, Vereine",
                "Budget (EUR)": f"{rng.randint(1, 20)}.{rng.randint(0, 999):03d},50",
                "Finanzierung": "Eigenmittel",
                "Externe Beratung": rng.choice(["nein", "ja: Moderation"]),
                "Jahre": f"{start}-{start + rng.randint(0, 3)}",
                "Praxisbeispiel": rng.choice(["ja", "nein"]),
            }
        )
    return pd.DataFrame(records, columns=EXPORT_COLUMNS)


class Clock:
    """Wall-clock and this process's CPU time since the last lap (CPU shows the cost without
    the other processes that share the machine; the database server's time is not in it)."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self):
        wall, cpu = time.perf_counter(), time.process_time()
        result = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return result


def scratch_catalogue(prefix):
    """A new, empty catalogue `<prefix>-<time>` below the catalogue section; None without a
    home page (the benchmarks run on a site with the demo loaded)."""
    from werkstatt.demo import ensure_child, get_home

    from .models import CatalogueIndexPage, CatalogueSectionPage

    home = get_home()
    if home is None:
        return None
    section = (
        CatalogueSectionPage.objects.first()
        or ensure_child(
            home, CatalogueSectionPage, "werkzeuge", title="Werkzeuge", show_in_menus=True
        )[0]
    )
    slug = f"{prefix}-{int(time.time())}"
    return ensure_child(section, CatalogueIndexPage, slug, title=f"Benchmark {slug}")[0]
