"""Horizontal bar charts as inline SVG, drawn on the server (no script, no inline styles).

The layout is stacked (area name above its bar) in a narrow 360-unit viewBox, so one SVG stays
legible at every width: on a 390 px phone the 13-unit text renders at about 13 px, and CSS caps
the width on the desktop. The SVG carries role="img" with <title> and <desc>; the description lists every published
value as text. Colours come from presentation attributes and classes in projects.css, which
the Content-Security-Policy allows (style="..." would be blocked).
"""

from django.utils.html import escape
from django.utils.translation import gettext as _

from .publication import format_number

WIDTH = 360
VALUE_WIDTH = 78
ROW_HEIGHT = 36
LABEL_HEIGHT = 15
BAR_HEIGHT = 14
TOP = 30
BOTTOM = 8
BAR_FILL = "#1f4e79"
NEGATIVE_FILL = "#8a4b08"
INK = "#1b1f24"


def _scale(values):
    low = min([0.0, *values])
    high = max([0.0, *values])
    if high == low:
        high = low + 1
    left, right = 1, WIDTH - VALUE_WIDTH

    def x(value):
        return left + (value - low) * (right - left) / (high - low)

    return x


def bar_chart(publication, key, chart_id):
    """SVG markup for one indicator: one bar per area (largest first) and a line for the whole."""
    indicator = publication.indicator(key)
    if indicator is None:
        return ""
    unit = f" {indicator['unit']}" if indicator["unit"] else ""
    shown = [r for r in publication.rows if r.cells[key].published_value is not None]
    shown.sort(key=lambda r: r.cells[key].value, reverse=True)
    hidden = [r for r in publication.rows if r.cells[key].published_value is None]
    reference = publication.whole.cells[key].published_value
    values = [r.cells[key].value for r in shown] + ([reference] if reference is not None else [])
    x = _scale(values)
    rows = shown + hidden
    height = TOP + ROW_HEIGHT * len(rows) + BOTTOM
    title = _("%(indicator)s nach Gebiet") % {"indicator": indicator["label"]}
    described = "; ".join(
        f"{r.name}: {r.cells[key].display}{unit if r.cells[key].published_value is not None else ''}"
        for r in rows
    )
    if reference is not None:
        described = (
            _("Gesamtwert %(name)s: %(value)s%(unit)s.")
            % {
                "name": publication.whole.name,
                "value": format_number(reference, indicator["kind"]),
                "unit": unit,
            }
            + " "
            + described
        )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="13" fill="{INK}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]
    zero = x(0)
    for position, row in enumerate(rows):
        cell = row.cells[key]
        top = TOP + position * ROW_HEIGHT
        bar_top = top + LABEL_HEIGHT + 2
        middle = bar_top + BAR_HEIGHT / 2 + 4.5
        parts.append(
            f'<text class="chart__label" x="1" y="{top + LABEL_HEIGHT - 3:.1f}">{escape(row.name)}</text>'
        )
        if cell.published_value is None:
            parts.append(
                f'<text class="chart__missing" x="{zero + 4:.1f}" y="{middle:.1f}">{escape(cell.display)}</text>'
            )
            continue
        end = x(cell.value)
        left, width = min(zero, end), max(abs(end - zero), 1)
        negative = cell.value < 0
        parts.append(
            f'<rect class="chart__bar{" chart__bar--negative" if negative else ""}" '
            f'x="{left:.1f}" y="{bar_top:.1f}" width="{width:.1f}" '
            f'height="{BAR_HEIGHT}" fill="{NEGATIVE_FILL if negative else BAR_FILL}"/>'
        )
        parts.append(
            f'<text class="chart__value" x="{WIDTH - 1}" y="{middle:.1f}" text-anchor="end">{escape(cell.display)}</text>'
        )
    bottom = TOP + ROW_HEIGHT * len(rows)
    parts.append(
        f'<line class="chart__axis" x1="{zero:.1f}" y1="{TOP - 6}" x2="{zero:.1f}" y2="{bottom}" stroke="{INK}" stroke-width="1"/>'
    )
    if reference is not None:
        ref_x = x(reference)
        label = _("Gesamt: %(value)s") % {"value": format_number(reference, indicator["kind"])}
        parts.append(
            f'<line class="chart__reference" x1="{ref_x:.1f}" y1="{TOP - 10}" x2="{ref_x:.1f}" y2="{bottom + 4}" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="5 3"/>'
        )
        anchor = "end" if ref_x > WIDTH / 2 else "start"
        parts.append(
            f'<text class="chart__reference-label" x="{ref_x:.1f}" y="{TOP - 14}" text-anchor="{anchor}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
