"""Werkzeugkatalog models: section, catalogues with visions, tools, Werkstattplan."""

from .catalogue import CatalogueIndexPage, CatalogueSectionPage, FutureVision
from .plan import PlanRow, WorkshopPlanPage
from .tool import AlsoUsedIn, BudgetLine, ToolPage, ToolPageTag, ToolStatus

__all__ = [
    "AlsoUsedIn",
    "BudgetLine",
    "CatalogueIndexPage",
    "CatalogueSectionPage",
    "FutureVision",
    "PlanRow",
    "ToolPage",
    "ToolPageTag",
    "ToolStatus",
    "WorkshopPlanPage",
]
