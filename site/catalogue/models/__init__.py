"""Werkzeugkatalog models: section, catalogues with visions, tools, Werkstattplan."""

from .catalogue import CatalogueIndexPage, CatalogueSectionPage, FutureVision
from .plan import PlanRow, PlanRowTool, WorkshopPlanPage
from .progress import Measure, ProgressState, QualityMixin, QualityStatus, ToolProgress
from .tool import AlsoUsedIn, BudgetLine, ToolPage, ToolPageTag, ToolStatus

__all__ = [
    "AlsoUsedIn",
    "BudgetLine",
    "CatalogueIndexPage",
    "CatalogueSectionPage",
    "FutureVision",
    "Measure",
    "PlanRow",
    "PlanRowTool",
    "ProgressState",
    "QualityMixin",
    "QualityStatus",
    "ToolProgress",
    "ToolPage",
    "ToolPageTag",
    "ToolStatus",
    "WorkshopPlanPage",
]
