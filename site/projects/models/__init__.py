"""Models of the projects section; split by page type to keep each module small."""

from .base import TopicPage
from .data import DataReportPage, DataReportPageTag
from .folder import MunicipalityFolderPage
from .index import ProjectIndexPage
from .projects import (
    PARTICIPATION_FORMATS,
    ProjectContact,
    ProjectDocument,
    ProjectPage,
    ProjectPageTag,
    ProjectPhase,
    ProjectTool,
    Status,
    WorkingGroup,
)
from .reports import ReportKind, ReportPage, ReportPageTag, ReportProject, ReportTool

__all__ = [
    "PARTICIPATION_FORMATS",
    "DataReportPage",
    "DataReportPageTag",
    "MunicipalityFolderPage",
    "ProjectContact",
    "ProjectDocument",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPageTag",
    "ProjectPhase",
    "ProjectTool",
    "ReportKind",
    "ReportPage",
    "ReportPageTag",
    "ReportProject",
    "ReportTool",
    "Status",
    "TopicPage",
    "WorkingGroup",
]
