"""Graded query sets over the demo content and the scores of one ranked answer.

Key concepts: a query file is a JSON list of {"id", "query", "need", "relevant": {url: 2|1}};
an unlisted URL grades 0, and `relevant: {}` says nothing relevant exists. The blind set was
written by someone who never saw the engine; its hash is kept beside it (`demo_blind.sha256`,
committed before the first run), and a blind file that no longer matches it is refused, so
nobody can quietly edit the judgements after seeing results. URLs are compared after
normalising only what is the same address: scheme and host (the site is one site), percent-
encoding and a missing trailing slash on the path; anchors (a measure's `#sheet-2017`) count.
"""

import hashlib
import json
import math
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
DEV = HERE / "demo_dev.json"
BLIND = HERE / "demo_blind.json"
BLIND_HASH = HERE / "demo_blind.sha256"
SETS = ("blind", "dev")


class BlindSetChanged(Exception):
    """The blind query file does not match the hash committed beside it."""


def normalise(url):
    """One spelling per address: path with a trailing slash, decoded, query and anchor kept."""
    parts = urlsplit(url.strip())
    path = unquote(parts.path) or "/"
    if not path.endswith("/"):
        path += "/"
    query = f"?{unquote(parts.query)}" if parts.query else ""
    anchor = f"#{unquote(parts.fragment)}" if parts.fragment else ""
    return path + query + anchor


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def check_blind(path, hash_path):
    """Raise BlindSetChanged unless the file's SHA-256 is the one committed beside it."""
    expected = Path(hash_path).read_text(encoding="utf-8").split()[0].lower()
    actual = sha256(path)
    if actual != expected:
        raise BlindSetChanged(
            f"{Path(path).name} passt nicht zu {Path(hash_path).name} "
            f"(erwartet {expected[:12]}…, ist {actual[:12]}…): die blinden Anfragen wurden "
            "verändert; ausgewertet wird nur der unveränderte Satz."
        )


def load_queries(path, name):
    """The queries of one file, each with its set name and normalised grades {url: 1|2}."""
    queries = json.loads(Path(path).read_text(encoding="utf-8"))
    ids = set()
    for query in queries:
        if query["id"] in ids:
            raise ValueError(f"{Path(path).name}: doppelte id {query['id']!r}")
        ids.add(query["id"])
        grades = {}
        for url, grade in query["relevant"].items():
            if grade not in (1, 2):
                raise ValueError(f"{Path(path).name} {query['id']}: Note {grade!r} für {url}")
            grades[normalise(url)] = max(grade, grades.get(normalise(url), 0))
        query["grades"] = grades
        query["set"] = name
    return queries


def load_sets():
    """Every query of the sets whose file exists; the blind one only after its hash check
    (the paths are read here, at call time, so a test can point them elsewhere)."""
    queries = []
    if BLIND.exists():
        check_blind(BLIND, BLIND_HASH)
        queries += load_queries(BLIND, "blind")
    if DEV.exists():
        queries += load_queries(DEV, "dev")
    return queries


# --- scores of one ranked list of normalised URLs against the grades -------------------------


def success_at(ranked, grades, k=5):
    """1.0 when a URL graded 1 or 2 is among the first k, else 0.0."""
    return float(any(grades.get(url, 0) >= 1 for url in ranked[:k]))


def recall_at(ranked, grades, k=10):
    """Share of the URLs graded 1 or 2 that are among the first k."""
    relevant = {url for url, grade in grades.items() if grade >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant)


def ndcg_at(ranked, grades, k=10):
    """nDCG with gains 2/1 and log2 discount; a URL shown twice earns only at its first place
    (a duplicate entry takes a place without adding anything). Ideal: the grades sorted."""
    seen, dcg = set(), 0.0
    for place, url in enumerate(ranked[:k], start=1):
        if url not in seen:
            seen.add(url)
            dcg += grades.get(url, 0) / math.log2(place + 1)
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum(grade / math.log2(place + 1) for place, grade in enumerate(ideal, start=1))
    return dcg / best


def score(query, ranked, suggests):
    """The row of one query: its scores (None without relevant content) and dead-end flags.

    A dead end is a page without a single hit. With relevant content that is a failure; without
    it, the page should at least offer something (a hit to look at or a suggestion)."""
    grades, empty = query["grades"], not ranked
    row = {
        "id": query["id"],
        "set": query["set"],
        "query": query["query"],
        "answerable": bool(grades),
        "hits": len(ranked),
        "top": ranked[:10],
        "suggests": suggests,
        "dead_end": empty and bool(grades),
        "offers": not empty or suggests,
    }
    if grades:
        row.update(
            success=success_at(ranked, grades),
            recall=recall_at(ranked, grades),
            ndcg=ndcg_at(ranked, grades),
            missing=sorted(url for url in grades if url not in ranked[:10]),
        )
    return row


def summarise(rows):
    """Aggregates of some rows: means over the answerable queries, dead ends and offers."""
    answerable = [row for row in rows if row["answerable"]]
    without = [row for row in rows if not row["answerable"]]

    def mean(key):
        return sum(row[key] for row in answerable) / len(answerable) if answerable else None

    return {
        "n": len(rows),
        "answerable": len(answerable),
        "success": mean("success"),
        "recall": mean("recall"),
        "ndcg": mean("ndcg"),
        "dead_ends": sum(row["dead_end"] for row in answerable),
        "without": len(without),
        "offers": sum(row["offers"] for row in without),
    }
