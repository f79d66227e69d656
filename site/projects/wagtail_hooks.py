"""The projects app's answers to hooks of lower apps: the municipality's folder for network's
`municipality_editor_pages`, its profile sections, the projects and reports that use a tool, and
its read API in the OpenAPI document."""

from wagtail import hooks

from catalogue.usage import USES_HOOK
from network.profile import SECTIONS_HOOK as PROFILE_SECTIONS_HOOK
from search.openapi import PATHS_HOOK as OPENAPI_PATHS_HOOK

from . import api, profile_sections, tool_uses
from .folders import ensure_folder, file_into_folders
from .models import ProjectIndexPage


@hooks.register("municipality_editor_pages")
def project_folder(municipality, create):
    """The folder, after filing into it the municipality's pages an older version left flat."""
    section = ProjectIndexPage.objects.first()
    if section is not None:
        file_into_folders(section, only=municipality)
    folder = ensure_folder(municipality, create=create)
    return [folder] if folder is not None else []


hooks.register(PROFILE_SECTIONS_HOOK, profile_sections.sections)
hooks.register(USES_HOOK, tool_uses.uses)
hooks.register(OPENAPI_PATHS_HOOK, api.openapi_paths)
