"""Small-cell protection and everything derived from it (table rows, sorting, download frame).

Every output goes through `publish`: counts of persons below the report's threshold are
replaced by a marker, an area whose population is below it is withheld entirely, and when only
one area of a column is withheld the next smallest is withheld too, so the suppressed value
cannot be worked out by subtracting the others from the total.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .importer import COUNT, is_population

DEFAULT_THRESHOLD = 3


def suppressed_marker():
    return _("geschützt")


def format_number(value, kind, signed=False):
    """German notation: 1.234 for counts, 12,5 for everything else."""
    if value is None:
        return ""
    if kind == COUNT and not signed:
        text = f"{value:,.0f}"
    else:
        text = f"{value:+,.1f}" if signed else f"{value:,.1f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


@dataclass
class Cell:
    value: float | None
    kind: str
    suppressed: bool = False
    difference: float | None = None

    @property
    def display(self):
        if self.suppressed:
            return suppressed_marker()
        if self.value is None:
            return _("keine Angabe")
        return format_number(self.value, self.kind)

    @property
    def difference_display(self):
        if self.difference is None:
            return ""
        return format_number(self.difference, self.kind, signed=True)

    @property
    def published_value(self):
        return None if self.suppressed else self.value


@dataclass
class Row:
    code: str
    name: str
    cells: dict
    is_whole: bool = False

    def cell_list(self, indicators):
        return [self.cells[i["key"]] for i in indicators]


@dataclass
class Publication:
    indicators: list
    rows: list
    whole: Row
    threshold: int
    suppressed: int = 0
    whole_computed: bool = False
    labels: dict = field(default_factory=dict)

    def indicator(self, key):
        return next((i for i in self.indicators if i["key"] == key), None)

    def has_counts(self):
        return any(i["kind"] == COUNT for i in self.indicators)


def publish(data, threshold=DEFAULT_THRESHOLD):
    """The data as it may be shown to anyone: small counts withheld, differences to the whole."""
    threshold = max(int(threshold or 0), 0)
    indicators = list(data.get("indicators", []))
    counts = [i["key"] for i in indicators if i["kind"] == COUNT]
    population = next((i["key"] for i in indicators if is_population(i)), None)
    whole_data = data.get("whole") or {"code": "", "name": "", "values": {}}

    def small(value):
        return value is not None and value < threshold

    rows = []
    for area in data.get("areas", []):
        values = area["values"]
        withheld_area = population is not None and small(values.get(population))
        cells = {}
        for indicator in indicators:
            key = indicator["key"]
            value = values.get(key)
            hide = withheld_area or (indicator["kind"] == COUNT and small(value))
            cells[key] = Cell(value, indicator["kind"], suppressed=hide and value is not None)
        rows.append(Row(area["code"], area["name"], cells))

    whole_cells = {}
    for indicator in indicators:
        value = whole_data["values"].get(indicator["key"])
        hide = indicator["kind"] == COUNT and small(value)
        whole_cells[indicator["key"]] = Cell(value, indicator["kind"], suppressed=hide)
    whole = Row(whole_data["code"], whole_data["name"], whole_cells, is_whole=True)

    # Secondary suppression: one withheld cell per column could be recovered from the total.
    for key in counts:
        if whole.cells[key].published_value is None:
            continue
        hidden = [r for r in rows if r.cells[key].suppressed]
        if len(hidden) == 1:
            shown = [r for r in rows if r.cells[key].published_value is not None]
            if shown:
                min(shown, key=lambda r: r.cells[key].value).cells[key].suppressed = True

    for indicator in indicators:
        if indicator["kind"] == COUNT:
            continue
        key = indicator["key"]
        reference = whole.cells[key].published_value
        for row in rows:
            value = row.cells[key].published_value
            if value is not None and reference is not None:
                row.cells[key].difference = value - reference

    suppressed = sum(c.suppressed for r in [*rows, whole] for c in r.cells.values())
    return Publication(
        indicators,
        rows,
        whole,
        threshold,
        suppressed=suppressed,
        whole_computed=bool(whole_data.get("computed")),
    )


def sort_rows(publication, key="gebiet", descending=False):
    """Rows sorted by area name, code or an indicator; withheld and missing values go last."""
    rows = list(publication.rows)
    if key == "schluessel":
        return sorted(rows, key=lambda r: r.code, reverse=descending)
    if publication.indicator(key) is None:
        return sorted(rows, key=lambda r: r.name.casefold(), reverse=descending)
    with_value = [r for r in rows if r.cells[key].published_value is not None]
    without = [r for r in rows if r.cells[key].published_value is None]
    with_value.sort(key=lambda r: r.cells[key].value, reverse=descending)
    return with_value + sorted(without, key=lambda r: r.name.casefold())


def column_label(indicator):
    unit = indicator["unit"]
    return (
        f"{indicator['label']} ({unit})"
        if unit and unit not in indicator["label"]
        else indicator["label"]
    )


def to_frame(publication, whole_label=None, german_numbers=False):
    """The published table for downloads: one row per area plus the whole, withheld cells marked."""
    marker = suppressed_marker()
    columns = [_("Schlüssel"), _("Gebiet")]
    for indicator in publication.indicators:
        columns.append(column_label(indicator))
        if indicator["kind"] != COUNT:
            columns.append(
                _("%(label)s: Abweichung vom Gesamtwert") % {"label": indicator["label"]}
            )

    def render(value, kind, signed=False):
        if value is None:
            return ""
        if german_numbers:  # CSV for German Excel: 12,5 (a point would be read as a date)
            text = format_number(value, kind, signed=signed)
            return text.replace(".", "") if kind == COUNT and not signed else text
        return int(value) if kind == COUNT and not signed else round(value, 2)

    records = []
    for row in [*publication.rows, publication.whole]:
        record = [row.code, row.name if not row.is_whole else (whole_label or row.name)]
        for indicator in publication.indicators:
            cell = row.cells[indicator["key"]]
            record.append(marker if cell.suppressed else render(cell.value, cell.kind))
            if indicator["kind"] != COUNT:
                record.append(
                    render(cell.difference, cell.kind, signed=True) if not row.is_whole else ""
                )
        records.append(record)
    import pandas as pd  # only for exports: pages that import this module need no pandas

    return pd.DataFrame(records, columns=columns)
