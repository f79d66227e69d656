"""The one place where bulk page writes use treebeard internals.

Key concepts: treebeard's public `add_child` reads the last child and updates the parent once
per new page, and Wagtail's save then reads the parent again. A bulk import knows both already,
so it places each page itself: the next path after the last child's, computed by treebeard's own
path arithmetic, and the parent remembered where `get_parent()` looks first. These are private
treebeard methods and attributes: tests/werkstatt/test_framework_internals.py lists them and
pins the treebeard release they were read against (an upgrade fails there until re-checked),
and tests/catalogue/test_treeadapter.py checks them against what `add_child` does.
"""


def child_path(parent, last_path):
    """The tree path for a new last child of `parent`, given the path of its current last child
    (None when it has none): what `parent.add_child()` would give it."""
    if last_path is None:
        return type(parent)._get_path(parent.path, parent.depth + 1, 1)
    return type(parent)(path=last_path)._inc_path()


def remember_parent(page, parent):
    """Let `page.get_parent()` (called by Wagtail's save for the url_path) answer without a query."""
    page._cached_parent_obj = parent
