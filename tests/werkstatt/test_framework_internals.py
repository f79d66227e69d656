"""Every use of a framework's private API, listed and pinned to the version it was checked against.

Public API first (docs/architecture.md). Where no public way exists, the use is listed in
`INTERNALS` with the reason, and `CHECKED_AGAINST` names the release series it was read
against. An upgrade to another series fails here until someone has re-read each listed use
against the new release and moved the pin; a new private use fails until it is listed.

Private means: an attribute with one leading underscore read or written on an object that is
not our own (`self`, `cls`, or a name our code defines). Django's documented model API
(`_meta`, `_default_manager`, `_base_manager`) is public despite the underscore, and
`_werkstatt_*` is our own namespace for values cached on framework objects.
"""

import ast
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# (file, or folder ending in "/", attribute, distribution, why there is no public way)
INTERNALS = [
    # The catalogue's bulk page writes (pagewriter) go through one adapter module: each page's
    # tree path computed once instead of add_child reading the last child per page; its
    # behaviour is checked against add_child in tests/catalogue/test_treeadapter.py.
    ("site/catalogue/treeadapter.py", "_get_path", "django-treebeard", "the first child's path"),
    ("site/catalogue/treeadapter.py", "_inc_path", "django-treebeard", "the next sibling's path"),
    (
        "site/catalogue/treeadapter.py",
        "_cached_parent_obj",
        "django-treebeard",
        "get_parent without a query",
    ),
    # Wagtail answers Site.find_for_request from this request attribute when it is set; there
    # is no public way to hand it a site. The middleware sets it to the answer find_for_request
    # gave for the same host in the same content version (near cache only; measured: 2 queries
    # and ~2-3 ms CPU per uncached page).
    ("site/werkstatt/middleware.py", "_wagtail_site", "wagtail", "the site of this request"),
    (
        "search/backends/elasticsearch/faceted.py",
        "_faceted_search",
        "elasticsearch",
        "FacetedResponse needs its FacetedSearch to resolve facets; execute() sets it the same "
        "way, and the raw answer here comes from the circuit-breaking client",
    ),
]

# distribution -> release series (major.minor) the uses above were read against
CHECKED_AGAINST = {
    "django": "5.2",
    "wagtail": "8.0",
    "django-treebeard": "5.3",
    "elasticsearch": "8.19",
}

PUBLIC_PRIVATE_NAMES = {"_meta", "_default_manager", "_base_manager"}
# Private without an underscore: Django's connection internals and what its source calls private.
PRIVATE_BY_WORD = {"run_on_commit", "savepoint_ids", "in_atomic_block", "get_connection"}
OWN_PREFIX = "_werkstatt_"


def source_files():
    for folder in ("site", "search"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative:
                yield relative, ast.parse(path.read_text(encoding="utf-8"))


def _private(name):
    return name.startswith("_") and not name.startswith("__")


def own_names(trees):
    """Private names our code defines: functions, classes, module and class attributes, and
    attributes set on `self`/`cls`."""
    names = set()
    for tree in trees:
        bodies = [tree.body]
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
                if isinstance(node, ast.ClassDef):
                    bodies.append(node.body)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                names.add(node.attr)
        for body in bodies:  # module and class attributes, not local variables
            for statement in body:
                targets = getattr(statement, "targets", None) or [
                    getattr(statement, "target", None)
                ]
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    return {name for name in names if _private(name)}


def private_uses(relative, tree, own):
    """(file, attribute) for every private attribute of someone else's object in `tree`."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        if node.attr in PRIVATE_BY_WORD:
            yield relative, node.attr
            continue
        if not _private(node.attr):
            continue
        if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            continue
        if node.attr in PUBLIC_PRIVATE_NAMES or node.attr.startswith(OWN_PREFIX):
            continue
        if node.attr in own:
            continue
        yield relative, node.attr


def _covers(entry, use):
    (place, attribute), (path, used) = entry, use
    return attribute == used and (path == place or place.endswith("/") and path.startswith(place))


def test_no_private_framework_attribute_outside_the_list():
    files = list(source_files())
    assert len(files) > 100  # the scan sees the code base
    own = own_names(tree for _, tree in files)
    found = sorted({use for relative, tree in files for use in private_uses(relative, tree, own)})
    listed = sorted((path, attribute) for path, attribute, _, _ in INTERNALS)
    unlisted = [use for use in found if not any(_covers(entry, use) for entry in listed)]
    assert not unlisted, f"private framework API ohne Eintrag in INTERNALS: {unlisted}"
    stale = [entry for entry in listed if not any(_covers(entry, use) for use in found)]
    assert not stale, f"INTERNALS nennt, was der Code nicht mehr nutzt: {stale}"


def test_the_scan_sees_a_private_use_and_ignores_our_own():
    tree = ast.parse(
        "page._cached_parent_obj = parent\n"
        "path = Page._get_path(a, b, 1)\n"
        "self._client = None\n"
        "user._werkstatt_groups = groups\n"
        "model._meta.label\n"
        "transaction.get_connection().run_on_commit\n"
        "columns._snapshots.clear()\n"
    )
    own = own_names([ast.parse("_snapshots = {}\n")])
    assert sorted(private_uses("x.py", tree, own)) == [
        ("x.py", "_cached_parent_obj"),
        ("x.py", "_get_path"),
        ("x.py", "get_connection"),
        ("x.py", "run_on_commit"),
    ]


def test_installed_frameworks_are_the_series_the_internals_were_checked_against():
    installed = {name: ".".join(version(name).split(".")[:2]) for name in CHECKED_AGAINST}
    assert installed == CHECKED_AGAINST, (
        "Neue Version: jede Stelle in INTERNALS gegen sie prüfen, dann CHECKED_AGAINST anpassen"
    )
    assert {dist for _, _, dist, _ in INTERNALS} <= set(CHECKED_AGAINST)
