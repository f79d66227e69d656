"""`evaluate_search` over the demo content: what a visitor of /suche/ gets for graded queries.

Key concepts: in a scratch database (never the configured one) `load_demo` writes the demo and
the projection is rebuilt; then every query is asked of the real page, /suche/?q=… as an
anonymous visitor (first page, through middleware, view, service and template), and the hit
links of the result list are read from the HTML in their order. So whatever the page does
(partial matches, grouping, suggestions) is measured as it is shown. On PostgreSQL the same
queries also go to stock `german` full-text search over the same public documents, once with
every word required (`plainto_tsquery`) and once with any word (OR), ranked by `ts_rank`.
"""

import sys
from html.parser import HTMLParser

from django.core.management import call_command
from django.db import connection
from django.test import Client
from tqdm import tqdm

from . import judged

SCRATCH = "evaluation_demo"
PAGE = "/suche/"


def load_demo(stream=sys.stderr):
    """The demo content and a freshly built search projection, with progress on `stream`."""
    from .. import indexing

    call_command("load_demo", stdout=stream)
    with tqdm(
        total=indexing.count_objects(), desc="Suchindex", unit="Objekt", file=stream, disable=None
    ) as progress:
        indexing.rebuild("database", progress=progress)


class ResultPage(HTMLParser):
    """The hit links in page order, and whether the page offers a suggestion (an element of
    class `suggestion`, the „Meinten Sie“ line). Hit links are those of the result titles
    (`.result__title a`) and of the measures folded under their tool (`.result__measure-list
    a`): a folded measure counts at its place below the tool, as if unfolded, so folding
    neither hides a judged measure nor lets it skip the places it takes when opened."""

    CONTAINERS = {"result__title", "result__measure-list"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls, self.suggests = [], False
        self._inside, self._depth = None, 0  # the open container's tag, nesting of that tag

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if "suggestion" in classes:
            self.suggests = True
        if self._inside is None and classes & self.CONTAINERS:
            self._inside, self._depth = tag, 1
        elif tag == self._inside:
            self._depth += 1
        elif tag == "a" and self._inside:
            self.urls.append(attrs.get("href") or "")

    def handle_endtag(self, tag):
        if tag == self._inside:
            self._depth -= 1
            if not self._depth:
                self._inside = None


def page_search():
    """q -> (normalised hit URLs of the first page, suggestion offered), as a visitor sees it."""
    client = Client()

    def search(q):
        response = client.get(PAGE, {"q": q})
        if response.status_code != 200:
            raise RuntimeError(f"{PAGE}?q={q!r} antwortet {response.status_code}")
        page = ResultPage()
        page.feed(response.content.decode(response.charset or "utf-8"))
        return [judged.normalise(url) for url in page.urls], page.suggests

    return search


def stock_postgres(any_word):
    """Stock PostgreSQL `german` over the public documents of the projection (temporary table):
    title A, summary B, text and keywords C; all words (`plainto_tsquery`) or any word."""
    from ..contract import DEFAULT_PAGE_SIZE, PUBLIC
    from ..models import SearchDocument

    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS eval_demo_stock")
        cursor.execute(
            "CREATE TEMPORARY TABLE eval_demo_stock AS SELECT id, url, "  # noqa: S608 - our table
            "setweight(to_tsvector('german', title), 'A') || "
            "setweight(to_tsvector('german', summary), 'B') || "
            "setweight(to_tsvector('german', body || ' ' || keywords), 'C') AS v "
            f"FROM {table} WHERE visibility = %s",
            [PUBLIC],
        )
    query = "plainto_tsquery('german', %s)"
    if any_word:
        query = f"cast(replace(cast({query} AS text), ' & ', ' | ') AS tsquery)"

    def search(q):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT url FROM eval_demo_stock, {query} query "  # noqa: S608 - fixed text
                "WHERE v @@ query ORDER BY ts_rank(v, query) DESC, id LIMIT %s",
                [q, DEFAULT_PAGE_SIZE],
            )
            return [judged.normalise(row[0]) for row in cursor.fetchall()], False

    return search


def evaluate(queries, search, label):
    """Rows of every query asked of `search`, and their summaries per set and for all."""
    rows = []
    for query in tqdm(queries, desc=label, unit="Anfrage", file=sys.stderr, disable=None):
        ranked, suggests = search(query["query"])
        rows.append(judged.score(query, ranked, suggests))
    summary = {
        name: judged.summarise([r for r in rows if r["set"] == name]) for name in judged.SETS
    }
    summary["alle"] = judged.summarise(rows)
    return {"summary": summary, "rows": rows}


def systems():
    """(label, search) of every system this database can run, ours first."""
    label = {"sqlite": "Werkstatt SQLite", "postgresql": "Werkstatt PostgreSQL"}[connection.vendor]
    found = [(f"{label} (/suche/)", page_search())]
    if connection.vendor == "postgresql":
        found.append(("PostgreSQL german (stock, UND)", stock_postgres(any_word=False)))
        found.append(("PostgreSQL german (stock, ODER)", stock_postgres(any_word=True)))
    return found


def format_table(label, result):
    lines = [
        label,
        f"{'Satz':<6} {'n':>4} {'mit':>4} {'S@5':>6} {'R@10':>6} {'nDCG@10':>7} "
        f"{'Sackgassen':>10} {'ohne: Angebot':>13}",
    ]
    for name in (*judged.SETS, "alle"):
        s = result["summary"][name]
        if not s["n"]:
            lines.append(f"{name:<6} {0:>4}   (keine Anfragen)")
            continue
        lines.append(
            f"{name:<6} {s['n']:>4} {s['answerable']:>4} {_num(s['success']):>6} "
            f"{_num(s['recall']):>6} {_num(s['ndcg']):>7} "
            f"{s['dead_ends']:>4}/{s['answerable']:<5} {s['offers']:>7}/{s['without']:<5}"
        )
    return "\n".join(lines)


LEGEND = (
    "n: Anfragen; mit: davon mit relevantem Inhalt (nur über diese die Mittel S@5, R@10, "
    "nDCG@10); Sackgassen: Seiten ohne einen Treffer, obwohl Relevantes existiert; ohne: "
    "Angebot: Anfragen ohne relevanten Inhalt, deren Seite trotzdem etwas anbietet (Treffer oder "
    "„Meinten Sie“)."
)


def _num(value):
    return "-" if value is None else f"{value:.3f}"


def format_rows(rows, grades_of):
    """Per query: scores, the first five hits with their grade, the graded URLs missed."""
    lines = []
    for row in rows:
        if row["answerable"]:
            head = f"S@5 {row['success']:.0f} R@10 {row['recall']:.2f} nDCG {row['ndcg']:.2f}"
        else:
            head = "ohne relevanten Inhalt" + ("" if row["offers"] else ", leer ohne Vorschlag")
        lines.append(f"[{row['set']}] {row['id']} „{row['query']}“: {head}, {row['hits']} Treffer")
        grades, seen = grades_of[row["set"], row["id"]], set()
        for place, url in enumerate(row["top"][:5], start=1):
            mark = "dopp." if url in seen else grades.get(url, 0)  # a repeat earns nothing
            seen.add(url)
            lines.append(f"    {place}. ({mark}) {url}")
        for url in row.get("missing", ()):
            lines.append(f"    fehlt ({grades[url]}) {url}")
    return "\n".join(lines)
