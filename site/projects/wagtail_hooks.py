"""The projects app's answer to network's `municipality_editor_pages`: the municipality's folder."""

from wagtail import hooks

from .folders import ensure_folder


@hooks.register("municipality_editor_pages")
def project_folder(municipality, create):
    folder = ensure_folder(municipality, create=create)
    return [folder] if folder is not None else []
