"""Demo content of the projects section, modelled on the seeds (texts rewritten, people fictional).

Stolberg's "Soziale Kupferstadt 2030", Lüdenscheid's Demografiekonzept process, Kreis Düren's
final report and "Datencheck 2020" (generated figures for Ortsteile), and two seminar
contributions (Bremerhaven, Ludwigslust-Parchim). Idempotent: pages are keyed by slug,
documents by title, regions by code.
"""

from taxonomy.models import Region
from taxonomy.regions import ensure_region
from werkstatt.sitetree import ensure_section

from ..folders import ensure_folder, file_into_folders, municipality_for_region
from .dueren import dueren
from .luedenscheid import luedenscheid
from .seminar import seminar
from .stolberg import stolberg

GEMEINDEN = [
    # code, name (below the Kreis whose code they start with)
    ("05334032", "Stolberg (Rhld.)"),
    ("05962032", "Lüdenscheid"),
    ("04012000", "Bremerhaven"),
]


def load(stdout):
    for code, name in GEMEINDEN:
        ensure_region(code, name, "Gemeinde")
    section = ensure_section("projekte", stdout)
    if file_into_folders(section):  # demo pages of an older version sat flat under /projekte/
        stdout.write("  Seiten in die Ordner ihrer Kommunen verschoben")

    def folder(region_code):
        """The folder of the region's municipality (the section itself without a municipality)."""
        municipality = municipality_for_region(Region.objects.get(code=region_code))
        return ensure_folder(municipality) if municipality else section

    stolberg(folder("05334032"), stdout)
    luedenscheid(folder("05962032"), stdout)
    dueren(folder("05358"), stdout)
    seminar(folder, stdout)
