"""The projects app's answer to network's `municipality_editor_pages`: the municipality's folder."""

from wagtail import hooks

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
