"""Who may import whom (docs/architecture.md, „Who may import whom“), checked on the source.

Apps form layers; an app imports only apps below it, at module level or inside a function:

    werkstatt (library modules) < taxonomy < search < network < catalogue < projects

<<<<<<< HEAD
The project shell of `werkstatt` (settings, URLs, the home page model, the page tree of setup_site, the demo loader, health
check and commands) wires all apps together and may import any of them. Migrations are history
and are not checked here.
=======
The project shell of `werkstatt` (settings, URLs, the home page model and its search adapter,
the demo loader, health check and commands) wires all apps together and may import any of them.
Migrations are history and are not checked here.
>>>>>>> aecbd05 (Search: the site's content pages (StandardPage: Impressum, Datenschutz, Barrierefreiheit) as kind „Seite“ (issue 23): title, search description or intro, StreamField text; adapter in werkstatt's project shell; tests restore the own adapter after a stand-in)
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["werkstatt", "taxonomy", "search", "network", "catalogue", "projects"]
SHELL = (
    "site/werkstatt/settings/",
    "site/werkstatt/urls.py",
    "site/werkstatt/models.py",
    "site/werkstatt/search_adapters.py",
    "site/werkstatt/demo.py",
    "site/werkstatt/sitetree.py",
    "site/werkstatt/health.py",
    "site/werkstatt/bench_urls.py",
    "site/werkstatt/management/",
)


def app_of(relative):
    parts = Path(relative).parts
    return "search" if parts[0] == "search" else parts[1]


def imported_apps(source):
    """(line, app) for every import of one of our apps in `source`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in LAYERS:
                yield node.lineno, top


def violations(relative, source):
    """Imports in the file at `relative` that reach the same or a higher layer's app."""
    if relative.startswith(SHELL):
        return []
    app = app_of(relative)
    return [
        f"{relative}:{line}: {app} importiert {target}"
        for line, target in imported_apps(source)
        if target != app and LAYERS.index(target) > LAYERS.index(app)
    ]


def source_files():
    for folder in ("site", "search"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative:
                yield relative, path.read_text(encoding="utf-8")


def test_no_app_imports_an_app_above_it():
    files = list(source_files())
    assert len(files) > 100  # the scan sees the code base
    found = [problem for relative, source in files for problem in violations(relative, source)]
    assert not found, "\n".join(found)


def test_the_check_catches_an_upward_import_also_inside_a_function():
    lazy = "def f():\n    from catalogue.models import ToolPage\n"
    assert violations("search/buckets.py", lazy) == [
        "search/buckets.py:2: search importiert catalogue"
    ]
    assert violations("site/network/views.py", "import projects.models\n")
    assert not violations("site/projects/views.py", "from network.models import Person\n")
    assert not violations("site/werkstatt/demo.py", "from projects import demo\n")
    assert violations("site/werkstatt/numbers.py", "from taxonomy.models import Region\n")


def test_migrations_keep_their_history_frozen():
    """A migration may name our field classes (schema), but never call live code: a data
    migration that imports `taxonomy.vocabulary` would do something else after every edit.

    The one exception is the search projection, which is derived data (`rebuild_search` makes it
    anew from the content at any time): its migrations re-derive it with the current analysis.
    """
    derived = {"search.text", "search.suggest"}
    found = []
    for folder in ("site", "search"):
        for path in sorted((ROOT / folder).rglob("migrations/*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                module = (
                    node.module
                    if isinstance(node, ast.ImportFrom) and node.level == 0
                    else next((a.name for a in node.names), None)
                    if isinstance(node, ast.Import)
                    else None
                )
                parts = module.split(".") if module else []
                if module in derived and path.parent.parent.name == "search":
                    continue
                if parts and parts[0] in LAYERS and parts[-1] not in ("fields", "blocks"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {module}")
    assert not found, "\n".join(found)
