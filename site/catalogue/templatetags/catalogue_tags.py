"""Small formatting helpers of the catalogue templates."""

from django import template

from ..spreadsheet_columns import format_amount

register = template.Library()


@register.filter
def euro(amount):
    """1500.5 -> '1.500,50 €' (German notation)."""
    if amount is None or amount == "":
        return ""
    return f"{format_amount(amount)} €"
