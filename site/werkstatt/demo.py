"""Demo site tree: home page, the legally required pages, site settings.

Key concepts: `load_demo` calls `load(stdout)` of each installed app's `demo` module in
INSTALLED_APPS order, so every app extends the demo with its own content. Each `load` must be
idempotent (get-or-create on a stable key) and report progress.
"""

from .sitetree import ensure_child, ensure_home, get_home

__all__ = ["ensure_child", "get_home", "load"]


def load(stdout):
    """The home page, the legal pages and the site (werkstatt.sitetree, as setup_site makes
    them); the other apps' demo modules add their sections and content on top."""
    ensure_home(stdout)
