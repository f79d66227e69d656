"""Catalogue and Werkstattplan as DataFrames; werkstatt.spreadsheets turns them into CSV/XLSX."""

from taxonomy.models import ActionField, Region, TargetGroup

from .models import ToolPage
from .spreadsheet_columns import EXPORT_COLUMNS, tool_values, values_to_row


def catalogue_frame(catalogue):
    """Every tool of a catalogue with the import columns, so the file can be imported again."""
    tools = list(
        ToolPage.objects.child_of(catalogue)
        .prefetch_related(
            "further_action_fields", "target_groups", "tagged_items__tag", "budget_lines"
        )
        .order_by("path")
    )
    region_ids = {t.location_region_id for t in tools if t.location_region_id}
    names = {
        "action_field": dict(ActionField.objects.values_list("pk", "name")),
        "target_group": dict(TargetGroup.objects.values_list("pk", "name")),
        "region": dict(Region.objects.filter(pk__in=region_ids).values_list("pk", "code")),
    }
    rows = [values_to_row(tool_values(tool), names) for tool in tools]
    import pandas as pd  # lazily: this module is imported by the admin URLs of every worker

    return pd.DataFrame(rows, columns=EXPORT_COLUMNS)


def plan_frame(plan):
    """The Werkstattplan table of seed 003 with its linked tools; see `plan_importer.plan_frame`."""
    from .plan_importer import plan_frame as frame

    return frame(plan)
