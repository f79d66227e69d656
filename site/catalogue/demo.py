"""Demo content of the catalogue: /werkzeuge/, a Kreis-Düren-like catalogue and the Musterkommune plan.

Idempotent: pages are found by slug, tools come through the importer (matching on ID), tool
sheets and visions are only added where missing.
"""

import datetime

import pandas as pd
from django.utils.html import escape

from taxonomy.models import ActionField, Region
from taxonomy.regions import ensure_region
from werkstatt.demo import ensure_child
from werkstatt.sitetree import ensure_section

from .demo_data import dueren, musterkommune
from .importer import import_catalogue
from .models import (
    CatalogueIndexPage,
    FutureVision,
    PlanRow,
    PlanRowTool,
    ToolPage,
    ToolProgress,
    WorkshopPlanPage,
)
from .spreadsheet_columns import EXPORT_COLUMNS

GEMEINDEN = [
    ("05358008", "Düren", "Stadt"),
    ("05358012", "Heimbach", "Stadt"),
    ("05358024", "Jülich", "Stadt"),
    ("05358028", "Kreuzau", "Gemeinde"),
    ("05358044", "Nideggen", "Stadt"),
]


def ensure_regions():
    for code, name, kind in GEMEINDEN:
        ensure_region(code, name, kind)


def catalogue_frame():
    rows = []
    for number, (field, title, status, summary, groups, tags, region, years, good) in enumerate(
        dueren.TOOLS, start=1
    ):
        row = dict.fromkeys(EXPORT_COLUMNS, "")
        row.update(
            {
                "ID": f"DN-{number:03d}",
                "Handlungsfeld": field,
                "Werkzeug": title,
                "Status": status,
                "Kurzbeschreibung": summary,
                "Zielgruppen": groups,
                "Schlagworte": tags,
                "Region": region,
                "Jahre": years,
                "Praxisbeispiel": good,
                "Externe Beratung": "nein",
            }
        )
        row.update(dueren.DETAILS.get(title, {}))
        rows.append(row)
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS)


def _sheet_stream(sheets):
    return [
        (
            "sheet",
            {
                "year": year,
                "measures": [
                    {
                        "title": measure[0],
                        "months": [str(m) for m in measure[1]],
                        **(measure[2] if len(measure) > 2 else {}),
                    }
                    for measure in measures
                ],
                "remarks": remarks,
            },
        )
        for year, measures, remarks in sheets
    ]


def ensure_visions(catalogue, stdout):
    have = set(catalogue.visions.values_list("action_field__slug", flat=True))
    missing = [
        f for f in ActionField.objects.all() if f.slug not in have and f.slug in dueren.VISIONS
    ]
    for field in missing:
        FutureVision.objects.create(
            catalogue=catalogue,
            action_field=field,
            text=f"<p>{escape(dueren.VISIONS[field.slug])}</p>",
        )
    if missing:
        catalogue.save_revision().publish()
        stdout.write(f"  {len(missing)} Zukunftsbilder angelegt")


def ensure_sheets(catalogue, stdout):
    for title, sheets in dueren.SHEETS.items():
        tool = ToolPage.objects.child_of(catalogue).filter(title=title).first()
        if tool is None or tool.tool_sheets:
            continue
        tool.tool_sheets = _sheet_stream(sheets)
        if title == "Bürgerbus Rureifel":
            tool.transferability = (
                "Nötig sind ein Trägerverein, mindestens 20 Fahrerinnen und Fahrer, ein "
                "Verkehrsunternehmen als Partner und ein Antrag auf Landesförderung."
            )
            stolberg = Region.objects.filter(code="05334032").first()
            if stolberg and not tool.also_used_in.exists():
                tool.also_used_in.create(region=stolberg, note="Bürgerbus nach diesem Vorbild")
        tool.save_revision().publish()
        stdout.write(f"  Werkzeugblätter für „{title}“ angelegt")


def ensure_plan(section, catalogue, stdout):
    data = musterkommune.PLAN
    plan, created = ensure_child(
        section,
        WorkshopPlanPage,
        data["slug"],
        title=data["title"],
        intro=data["intro"],
        start_year=data["start_year"],
        end_year=data["end_year"],
    )
    if plan.rows.exists():
        return plan
    fields = {f.slug: f for f in ActionField.objects.all()}
    tools = {t.title: t for t in ToolPage.objects.child_of(catalogue)}
    plan.catalogue = catalogue
    plan.rows = [
        PlanRow(
            sort_order=order,
            action_field=fields.get(row["action_field"]),
            tool_links=[
                PlanRowTool(tool=tools[title], sort_order=position)
                for position, title in enumerate(row.get("linked_tools", []))
                if title in tools
            ],
            **{k: v for k, v in row.items() if k not in ("action_field", "linked_tools")},
        )
        for order, row in enumerate(musterkommune.ROWS)
    ]
    plan.save_revision().publish()
    stdout.write("  Werkstattplan Musterkommune angelegt")
    return plan


def ensure_progress(catalogue, stdout):
    """Zwischenbilanz and quality status of some tools (only where a tool has none yet)."""
    for title, entries in dueren.PROGRESS.items():
        tool = ToolPage.objects.child_of(catalogue).filter(title=title).first()
        if tool is None or tool.progress.exists():
            continue
        tool.progress = [
            ToolProgress(year=year, state=state, note=note, evidence_url=url, sort_order=i)
            for i, (year, state, note, url) in enumerate(entries)
        ]
        quality = dueren.QUALITY.get(title)
        if quality and not tool.quality_status:
            tool.quality_status = quality[0]
            tool.reviewed_at = datetime.date.fromisoformat(quality[1]) if quality[1] else None
        tool.save_revision().publish()
        stdout.write(f"  Zwischenbilanz für „{title}“ angelegt")
    for title, (status, reviewed) in dueren.QUALITY.items():
        tool = ToolPage.objects.child_of(catalogue).filter(title=title).first()
        if tool is None or tool.quality_status:
            continue
        tool.quality_status = status
        tool.reviewed_at = datetime.date.fromisoformat(reviewed) if reviewed else None
        tool.save_revision().publish()


def load(stdout):
    ensure_regions()
    ensure_region("05334032", "Stolberg (Rhld.)", "Stadt")
    section = ensure_section("werkzeuge", stdout)
    catalogue, created = ensure_child(
        section,
        CatalogueIndexPage,
        "werkzeugkatalog-kreis-dueren",
        title="Werkzeugkatalog Kreis Düren",
        owner_region=Region.objects.get(code="05358"),
        intro=(
            "<p>Ergebnis einer Zukunftswerkstatt mit rund 100 Fachleuten aus dem Kreis und einer "
            "Schülergruppe: Zukunftsbilder für jedes Handlungsfeld und Werkzeuge, die es schon gibt "
            "(bestehend) oder die neu geschaffen werden sollen (neu).</p>"
        ),
    )
    if created:
        stdout.write("  Werkzeugkatalog Kreis Düren angelegt")
    result = import_catalogue(catalogue_frame(), catalogue)
    if not result.ok:
        raise RuntimeError("; ".join(str(e) for e in result.errors))
    stdout.write(f"  Werkzeuge: {result.summary()}")
    ensure_visions(catalogue, stdout)
    ensure_sheets(catalogue, stdout)
    ensure_progress(catalogue, stdout)
    ensure_plan(section, catalogue, stdout)
