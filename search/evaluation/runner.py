"""`evaluate_search` as functions: index the evaluation catalogue, ask every system, score.

Key concepts: the run happens in a scratch database (like `bench_search`), never the configured
one. Systems: our backend on this database; "Snowball (stock)": plain Snowball German stems in
an FTS5 table, AND over the query's stems, bm25 with our column weights (what this project did
before, and what a stock Snowball setup does); on PostgreSQL also "PostgreSQL german (stock)":
`to_tsvector('german', ...)` weighted A/B/C/C against `plainto_tsquery('german', ...)` ranked by
`ts_rank`; Elasticsearch where ELASTICSEARCH_URL is set. Scores per query: recall@10 (share of
the must-find tools among the first ten hits), precision@10 (share of the first ten hits that
are must-find tools), "alle" (every must-find tool in the first ten), and forbidden hits (a
must-not tool found at all).
"""

import sqlite3

import snowballstemmer
from django.db import connection

from ..contract import SearchRequest
from .catalogue import BODY, TOOLS
from .queries import KINDS, QUERIES, TYPOS

TOP = 10
KEY = "eval.tool:{}"


def documents():
    from ..registry import IndexDocument

    for tool_id, title, summary in TOOLS:
        yield (
            KEY.format(tool_id),
            IndexDocument(
                kind="werkzeug",
                title=title,
                url=f"/werkzeuge/{tool_id.lower()}/",
                summary=summary,
                body=BODY,
            ),
        )


def tool_id(key):
    return key.split(":", 1)[1]


def index_catalogue():
    from ..indexing import to_document_data, write_documents

    datas = [to_document_data(key, doc) for key, doc in documents()]
    write_documents(datas)
    return datas


# --- systems: each is q -> ranked list of tool ids (all hits) --------------------------------


def our_backend(name="database"):
    from ..backends import get_backend

    backend = get_backend(name)

    def search(q):
        response = backend.search(SearchRequest(q=q, page_size=len(TOOLS)))
        return [tool_id(hit.id) for hit in response.hits]

    search.backend = backend
    return search


def stock_snowball():
    """FTS5 over plain Snowball stems (lower case, no folding beyond what Snowball does)."""
    import re

    stemmer = snowballstemmer.stemmer("german")
    words = re.compile(r"\w+")

    def stems(text):
        return " ".join(stemmer.stemWord(w.lower()) for w in words.findall(text or ""))

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, summary, body)")
    db.executemany(
        "INSERT INTO t VALUES (?, ?, ?, ?)",
        [(i, stems(title), stems(summary), stems(BODY)) for i, title, summary in TOOLS],
    )
    from ..german import STOP_WORDS

    def search(q):
        raw = [w.lower() for w in words.findall(q)]
        meaningful = [w for w in raw if w not in STOP_WORDS] or raw
        terms = [stemmer.stemWord(w) for w in meaningful]
        if not terms:
            return []
        match = " AND ".join(f'"{t}"' for t in terms)
        rows = db.execute(
            "SELECT id FROM t WHERE t MATCH ? ORDER BY bm25(t, 0, 10.0, 4.0, 1.0)", [match]
        )
        return [row[0] for row in rows]

    return search


def stock_postgres():
    """PostgreSQL's own `german` configuration, as a stock setup uses it (temporary table)."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE eval_stock (id text, v tsvector)")
        cursor.executemany(
            "INSERT INTO eval_stock SELECT %s, "
            "setweight(to_tsvector('german', %s), 'A') || setweight(to_tsvector('german', %s), 'B')"
            " || setweight(to_tsvector('german', %s), 'C')",
            [(i, title, summary, BODY) for i, title, summary in TOOLS],
        )

    def search(q):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM eval_stock, plainto_tsquery('german', %s) query "
                "WHERE v @@ query ORDER BY ts_rank(v, query) DESC, id",
                [q],
            )
            return [row[0] for row in cursor.fetchall()]

    return search


# --- scoring ---------------------------------------------------------------------------------


def score(search, suggest=None):
    """Per query and in total: recall@10, precision@10, all found, forbidden hits."""
    rows = []
    for kind, q, must, must_not in QUERIES:
        ranked = search(q)
        top = ranked[:TOP]
        found = len(set(top) & set(must))
        rows.append(
            {
                "kind": kind,
                "q": q,
                "recall": found / len(must),
                "precision": found / len(top) if top else 0.0,
                "all": found == len(must),
                "forbidden": sorted(set(ranked) & set(must_not)),
                "top": top,
                "missing": sorted(set(must) - set(top)),
            }
        )
    typos = []
    for typo, wanted in TYPOS:
        got = suggest(typo) if suggest else ""
        typos.append({"q": typo, "wanted": wanted, "got": got, "ok": _same(got, wanted)})
    return summarise(rows, typos)


def _same(a, b):
    from ..text import fold

    return bool(a) and fold(a) == fold(b)


def summarise(rows, typos):
    n = len(rows)
    result = {
        "queries": n,
        "recall": sum(r["recall"] for r in rows) / n,
        "precision": sum(r["precision"] for r in rows) / n,
        "all": sum(r["all"] for r in rows),
        "forbidden": sum(len(r["forbidden"]) for r in rows),
        "kinds": {},
        "typos": sum(t["ok"] for t in typos),
        "typo_count": len(typos),
        "rows": rows,
        "typo_rows": typos,
    }
    for kind in KINDS:
        chosen = [r for r in rows if r["kind"] == kind]
        result["kinds"][kind] = (sum(r["all"] for r in chosen), len(chosen))
    return result


def format_table(results):
    """results: [(system label, summary or a reason string)] -> a plain text table."""
    kinds = " ".join(f"{k[:10]:>10}" for k in KINDS)
    lines = [
        f"Evaluation: {len(QUERIES)} Anfragen, {len(TOOLS)} Werkzeuge, {len(TYPOS)} Tippfehler",
        f"{'System':<34} {'R@10':>6} {'P@10':>6} {'alle':>7} {'verb.':>5} {kinds} {'Vorschlag':>9}",
    ]
    for label, result in results:
        if isinstance(result, str):
            lines.append(f"{label:<34} {result}")
            continue
        per_kind = " ".join(f"{_ratio(*result['kinds'][k]):>10}" for k in KINDS)
        lines.append(
            f"{label:<34} {result['recall']:>6.3f} {result['precision']:>6.3f} "
            f"{_ratio(result['all'], result['queries']):>7} {result['forbidden']:>5} "
            f"{per_kind} {_ratio(result['typos'], result['typo_count']):>9}"
        )
    lines.append(
        "R@10/P@10: Mittel über die Anfragen; alle: Anfragen mit allen Pflichttreffern unter den "
        "ersten zehn; verb.: gefundene verbotene Treffer; je Art: Anfragen mit allen "
        "Pflichttreffern; Vorschlag: richtige „Meinten Sie“-Vorschläge."
    )
    return "\n".join(lines)


def _ratio(part, whole):
    return f"{part}/{whole}"


def format_misses(results):
    """Per system, the queries that missed a must-find tool or found a forbidden one."""
    lines = []
    for label, result in results:
        if isinstance(result, str):
            continue
        for row in result["rows"]:
            if row["missing"] or row["forbidden"]:
                lines.append(
                    f"{label}: „{row['q']}“ fehlt {','.join(row['missing']) or '-'}"
                    f" verboten {','.join(row['forbidden']) or '-'}"
                )
        for row in result["typo_rows"]:
            if not row["ok"] and row["got"]:
                lines.append(f"{label}: Vorschlag zu „{row['q']}“: „{row['got']}“")
    return "\n".join(lines)
