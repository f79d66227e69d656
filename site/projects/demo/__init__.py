"""Demo content of the projects section, modelled on the seeds (texts rewritten, people fictional).

Stolberg's "Soziale Kupferstadt 2030", Lüdenscheid's Demografiekonzept process, Kreis Düren's
final report and "Datencheck 2020" (generated figures for Ortsteile), and two seminar
contributions (Bremerhaven, Ludwigslust-Parchim). Idempotent: pages are keyed by slug,
documents by title, regions by code.
"""

from taxonomy.models import Region
from taxonomy.regions import ensure_region
from werkstatt.demo import ensure_child, get_home

from ..folders import ensure_folder, file_into_folders, municipality_for_region
from ..models import ProjectIndexPage
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


def ensure_section(stdout):
    home = get_home()
    section = ProjectIndexPage.objects.first()
    if section is None:
        section, _created = ensure_child(
            home,
            ProjectIndexPage,
            "projekte",
            title="Projekte und Berichte",
            intro=(
                "Wie Kommunen vorgegangen sind: Fallbeispiele mit ihren Phasen und Arbeitsgruppen, "
                "veröffentlichte Berichte und kleinräumige Datenberichte."
            ),
            show_in_menus=True,
        )
        stdout.write("  Bereich „Projekte und Berichte“ angelegt")
    return section


def load(stdout):
    for code, name in GEMEINDEN:
        ensure_region(code, name, "Gemeinde")
    section = ensure_section(stdout)
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
