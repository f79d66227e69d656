"""Turning raw facet counts into the contract's buckets: labels, order, hierarchy, selected-at-zero.

Key concepts: a backend only counts (facet -> value -> number of matching documents, each facet
counted with every filter but its own). `build_facets()` does the rest the same way for every
backend: German labels instead of ids, selected values always listed (also at 0), years newest
first, and the region facet as a drill-down: Länder, and below a selected Land (or the Land of a
selected Kreis) its Kreise, below a selected Kreis its Gemeinden.
"""

from werkstatt.contentcache import cached

from .contract import (
    FACETS,
    KINDS,
    ORDERED_FACETS,
    VOCABULARIES,
    Bucket,
    SearchRequest,
    replaces_region,
)

# Display levels of the region tree by code length: Land 2, Kreis 5, Gemeinde 8, Ortsteil more.
REGION_LEVEL_LENGTHS = (2, 5, 8)


def region_display_depth(code):
    for depth, length in enumerate(REGION_LEVEL_LENGTHS):
        if len(code) == length:
            return depth
    return len(REGION_LEVEL_LENGTHS) if len(code) > REGION_LEVEL_LENGTHS[-1] else None


def region_display_parent(code):
    """The code one display level up (Kreis -> Land, Gemeinde -> Kreis), or ""."""
    depth = region_display_depth(code)
    if not depth:
        return ""
    return code[: REGION_LEVEL_LENGTHS[depth - 1]]


def region_click_counts(counts, selected, union_base):
    """With regions selected, each other region's count as what a click on it finds.

    A click adds an unrelated region (OR) and replaces a related one
    (`contract.replaces_region`), so a region's count is that of the union with what stays
    selected, not of the region alone. `counts`: each region's own count under the other
    filters (what the backends count, roll-up included); `union_base(kept, codes)`: (number
    of documents the kept regions find under the other filters, {code: how many of those a
    click on code finds too}), or None where a backend cannot tell (the code keeps its own
    count). Selected regions keep their own count.
    """
    result, groups = dict(counts), {}
    for code in counts:
        if code not in selected:
            kept = tuple(v for v in selected if not replaces_region(v, code))
            groups.setdefault(kept, []).append(code)
    for kept, codes in groups.items():
        base = union_base(kept, codes) if kept else None  # nothing kept: its own count
        if base is not None:
            total, overlap = base
            for code in codes:
                result[code] = total + counts[code] - overlap.get(code, 0)
    return result


def labels_for(facet, values):
    """value -> German label for the given values of one facet."""
    values = set(values)
    if not values:
        return {}
    if facet == "art":
        return {v: str(KINDS.get(v, v)) for v in values}
    if facet in VOCABULARIES:
        return {v: str(VOCABULARIES[facet].get(v, v)) for v in values}
    if facet not in LABEL_QUERIES:
        return {v: v for v in values}
    # Vocabulary labels are content: every label of the facet, kept per content version.
    known = cached(None, "facet labels", facet, LABEL_QUERIES[facet])
    return {v: known.get(v, v) for v in values}


def _action_field_labels():
    from taxonomy.models import ActionField

    return dict(ActionField.objects.values_list("slug", "name"))


def _target_group_labels():
    from taxonomy.models import TargetGroup

    return dict(TargetGroup.objects.values_list("slug", "name"))


def _region_labels():
    from taxonomy.models import Region

    return {r.code: r.label for r in Region.objects.only("code", "name", "level", "kind")}


LABEL_QUERIES = {
    "handlungsfeld": _action_field_labels,
    "zielgruppe": _target_group_labels,
    "region": _region_labels,
}


def _sort_key(facet, label_of):
    if facet == "jahr":
        return lambda item: (-int(item[0]) if item[0].isdigit() else 0, item[0])
    if facet in ORDERED_FACETS:
        order = list(VOCABULARIES[facet])
        return lambda item: (order.index(item[0]) if item[0] in order else 99, item[0])
    if facet == "art":
        order = list(KINDS)
        return lambda item: (-item[1], order.index(item[0]) if item[0] in order else 99)
    return lambda item: (-item[1], label_of.get(item[0], item[0]).casefold())


def build_facets(counts: dict, request: SearchRequest) -> dict:
    """counts: facet -> {value: count}. Returns facet -> [Bucket] in display order."""
    result = {}
    for facet in FACETS:
        facet_counts = dict(counts.get(facet, {}))
        selected = set(request.filters.get(facet, ()))
        if facet == "region":
            result[facet] = _region_buckets(facet_counts, selected)
            continue
        for value in selected:
            facet_counts.setdefault(value, 0)
        visible = {v: c for v, c in facet_counts.items() if c > 0 or v in selected}
        label_of = labels_for(facet, visible)
        ordered = sorted(visible.items(), key=_sort_key(facet, label_of))
        result[facet] = [
            Bucket(value=v, label=label_of.get(v, v), count=c, selected=v in selected)
            for v, c in ordered
        ]
    return result


def _region_buckets(counts, selected):
    # Open the path from the Land down to each selected region (and the region itself).
    expanded = set()
    for code in selected:
        node = code
        while node:
            expanded.add(node)
            node = region_display_parent(node)
    shown = {}
    for code, count in counts.items():
        depth = region_display_depth(code)
        if depth is None:
            continue  # Regierungsbezirke count for filtering but are skipped in the drill-down
        parent = region_display_parent(code)
        if (depth == 0 or parent in expanded) and (count > 0 or code in selected):
            shown[code] = count
    for code in expanded:
        if region_display_depth(code) is not None:
            shown.setdefault(code, counts.get(code, 0))
    label_of = labels_for("region", shown)
    children = {}
    for code, count in shown.items():
        children.setdefault(region_display_parent(code), []).append((code, count))
    buckets = []

    def walk(parent, level):
        for code, count in sorted(
            children.get(parent, []), key=lambda item: (-item[1], label_of[item[0]].casefold())
        ):
            buckets.append(
                Bucket(
                    value=code,
                    label=label_of[code],
                    count=count,
                    selected=code in selected,
                    level=level,
                    parent=parent,
                )
            )
            walk(code, level + 1)

    walk("", 0)
    return buckets
