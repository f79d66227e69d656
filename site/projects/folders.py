"""Finding and making a municipality's folder below /projekte/ (see models.folder)."""

from .models import MunicipalityFolderPage, ProjectIndexPage


def municipality_for_region(region):
    """The municipality of `region` or of the nearest region above it, or None."""
    from network.models import Municipality

    while region is not None:
        municipality = Municipality.objects.filter(region=region).first()
        if municipality is not None:
            return municipality
        region = region.parent
    return None


def ensure_folder(municipality, create=True):
    """The municipality's folder; made (published) below /projekte/ when missing and `create`."""
    folder = MunicipalityFolderPage.objects.filter(municipality=municipality).first()
    section = ProjectIndexPage.objects.first()
    if folder is not None or not create or section is None:
        return folder
    taken = set(section.get_children().values_list("slug", flat=True))
    slug, number = municipality.slug, 2
    while slug in taken:
        slug, number = f"{municipality.slug}-{number}", number + 1
    folder = MunicipalityFolderPage(title=municipality.name, slug=slug, municipality=municipality)
    section.add_child(instance=folder)
    folder.save_revision().publish()
    return folder


def file_into_folders(section, only=None):
    """Move the section's direct pages that lie in a municipality's region into its folder.

    `only`: move just that municipality's pages (its editors get the folder, not the section).
    """
    moved = 0
    for page in section.get_children().not_type(MunicipalityFolderPage).specific():
        municipality = municipality_for_region(getattr(page, "region", None))
        if municipality is None or (only is not None and municipality != only):
            continue
        page.move(ensure_folder(municipality), pos="last-child")
        moved += 1
    return moved
