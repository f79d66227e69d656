"""Demo content of the projects section, modelled on the seeds (texts rewritten, people fictional).

Stolberg's "Soziale Kupferstadt 2030", Lüdenscheid's Demografiekonzept process, Kreis Düren's
final report and "Datencheck 2020" (generated figures for Ortsteile), and two seminar
contributions (Bremerhaven, Ludwigslust-Parchim). Idempotent: pages are keyed by slug,
documents by title, regions by code.
"""

from werkstatt.demo import get_home

from ..models import ProjectIndexPage
from .common import ensure_page, ensure_region
from .dueren import dueren
from .luedenscheid import luedenscheid
from .seminar import seminar
from .stolberg import stolberg

GEMEINDEN = [
    # code, name, parent Kreis
    ("05334032", "Stolberg (Rhld.)", "05334"),
    ("05962032", "Lüdenscheid", "05962"),
    ("04012000", "Bremerhaven", "04012"),
]


def ensure_section(stdout):
    home = get_home()
    section = ProjectIndexPage.objects.first()
    if section is None:
        section, _created = ensure_page(
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
    for code, name, parent in GEMEINDEN:
        ensure_region(code, name, parent)
    section = ensure_section(stdout)
    stolberg(section, stdout)
    luedenscheid(section, stdout)
    dueren(section, stdout)
    seminar(section, stdout)
