"""`bench_search` as a function: scratch database, corpus, timed query mix, a table.

Key concepts: the run happens in a SCRATCH database made like a test database
(`creation.create_test_db` with our own name: `var/bench_search_<N>.sqlite3` for SQLite,
`bench_<name>_<N>` for PostgreSQL), never the configured one, and is dropped afterwards unless
`keep` is set (a kept database with the same corpus size is reused). Our backend and the
Wagtail way answer the same requests, interleaved, so load from other processes hits both
alike.
"""

import contextlib
import os
import statistics
import threading
import time

from django.conf import settings
from django.db import connection

from .corpus import Vocabulary, german_words, make_documents, make_queries

CHUNK = 2000  # rows per Wagtail bulk index call


def scratch_name(settings_dict, docs):
    """One scratch database per corpus size, so kept corpora of 10k and 100k can coexist."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return str(settings.VAR_DIR / f"bench_search_{docs}.sqlite3")
    return f"bench_{settings_dict['NAME']}_{docs}"


@contextlib.contextmanager
def scratch_database(docs, keep=False):
    """Point the default connection at a fresh (or kept) bench database, restore afterwards."""
    settings_dict = connection.settings_dict
    name = scratch_name(settings_dict, docs)
    if name == settings_dict["NAME"]:
        raise RuntimeError("Die Benchmark-Datenbank darf nicht die konfigurierte Datenbank sein.")
    settings_dict.setdefault("TEST", {})
    original_test, original_name = dict(settings_dict["TEST"]), settings_dict["NAME"]
    settings_dict["TEST"]["NAME"] = name
    # create_test_db returns the scratch database's name, not the configured one.
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=keep)
    try:
        yield name
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0, keepdb=keep)
        settings_dict["TEST"] = original_test


def build_corpus(n, progress=None):
    """Write n synthetic documents to the projection (our backend) and Wagtail's index."""
    from ..backends import get_backend
    from ..indexing import RegionInfo, to_document_data
    from ..models import SearchDocument
    from . import wagtail_way

    wagtail_way.create_table()
    if SearchDocument.objects.count() == n and wagtail_way.WagtailWayDocument.objects.count() == n:
        return False
    wagtail_way.clear()
    regions = RegionInfo(preload=True)
    pending = []

    def flush_wagtail():
        rows = wagtail_way.WagtailWayDocument.objects.bulk_create(
            [wagtail_way.from_data(data) for data in pending]
        )
        wagtail_way.index_rows(rows)
        pending.clear()

    def documents():
        for key, doc in make_documents(n, Vocabulary()):
            data = to_document_data(key, doc, regions)
            pending.append(data)
            if len(pending) >= CHUNK:
                flush_wagtail()
            yield data
        flush_wagtail()

    # The projection's bulk path (one transaction, batched inserts), as rebuild_search uses it.
    get_backend("database").rebuild(documents(), progress=progress)
    return True


def settle():
    """Bring the scratch database to its steady state: PostgreSQL's autovacuum would analyse
    the freshly loaded tables soon; SQLite never analyses by itself, so it stays as it is."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def time_queries(requests, wagtail_budget, progress=None):
    """Seconds per request for our backend and the Wagtail way (interleaved, after a warm-up).

    The Wagtail way is timed until it has used `wagtail_budget` seconds (at 100,000 documents
    it needs seconds per request), and only on requests it can express (`wagtail_way.supports`);
    `ours` keeps timing every request. Returns our times, the Wagtail way's, our CPU times, and
    our times on exactly the requests the Wagtail way was timed on (for the ratio).
    """
    from ..backends import get_backend
    from . import wagtail_way

    backend = get_backend("database")
    for request in requests[:3]:  # warm caches, prepared statements, region/label lookups
        backend.search(request)
    comparable = [request for request in requests if wagtail_way.supports(request)]
    if wagtail_budget > 0 and comparable:
        wagtail_way.search(comparable[0])
    ours, wagtail, ours_cpu, paired = [], [], [], []
    for i, request in enumerate(requests):
        pair = [(backend.search, ours)]
        compare = sum(wagtail) < wagtail_budget and wagtail_way.supports(request)
        if compare:
            pair.append((wagtail_way.search, wagtail))
        if i % 2:
            pair.reverse()
        for run, times in pair:
            start, cpu = time.perf_counter(), time.process_time()
            run(request)
            times.append(time.perf_counter() - start)
            if times is ours:
                ours_cpu.append(time.process_time() - cpu)
        if compare:
            paired.append(ours[-1])
        if progress is not None:
            progress.update(1)
    return ours, wagtail, ours_cpu, paired


def common_words(count=3):
    """The corpus's most frequent words (the head of its Zipf shuffle), plus „Pflege“."""
    import random

    from .corpus import _Zipf

    words = _Zipf(random.Random(20261121)).words[:count]
    return [*words, "Pflege"] if "Pflege" not in words else words


def time_common_words(rounds=3):
    """Seconds per request for common-word queries (each word alone, by relevance and by date,
    and with one facet), and each word's share of the documents."""
    from ..backends import get_backend
    from ..contract import SearchRequest
    from ..models import SearchDocument

    backend = get_backend("database")
    total = SearchDocument.objects.count() or 1
    shares, times = {}, []
    for word in common_words():
        requests = [
            SearchRequest(q=word),
            SearchRequest(q=word, sort="neueste"),
            SearchRequest(q=word, filters={"art": ("werkzeug",)}),
        ]
        shares[word] = backend.search(requests[0]).total / total
        for _ in range(rounds):
            for request in requests:
                start = time.perf_counter()
                backend.search(request)
                times.append(time.perf_counter() - start)
    return shares, times


def _rss_mb():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def time_reload_after_write(rounds=10):
    """The first search after one committed write (the snapshot applies the change), against a
    full reload of the snapshot; and what the snapshot holds in memory."""
    from ..backends import get_backend
    from ..backends.database import columns
    from ..contract import SearchRequest
    from ..models import SearchDocument

    backend = get_backend("database")
    request = SearchRequest(filters={"art": ("werkzeug",)})
    backend.search(request)
    after_write, applied, full = [], [], []
    rows = list(SearchDocument.objects.order_by("?")[:rounds])
    for number, row in enumerate(rows):
        data = row.to_data()
        data.title = f"{data.title} geändert {number}"
        backend.index([data])  # autocommit: committed like a publish in another worker
        start = time.perf_counter()
        columns.snapshot()  # what the first search after the write pays before searching
        applied.append(time.perf_counter() - start)
        backend.search(request)
        after_write.append(time.perf_counter() - start)
    columns._snapshots.clear()
    before = _rss_mb()
    for _ in range(3):
        start = time.perf_counter()
        snap = columns.load()
        full.append(time.perf_counter() - start)
    arrays = sum(value.nbytes for value in vars(snap).values() if hasattr(value, "nbytes")) + sum(
        docs.nbytes + values.nbytes for docs, values in snap.rows.values()
    )
    return {
        "after_write": after_write,
        "applied": applied,
        "full": full,
        "arrays_mb": arrays / 2**20,
        "rss_mb": _rss_mb(),
        "rss_growth_mb": _rss_mb() - before,
    }


def _cpu_seconds(pid):
    """User + system CPU seconds of a local process so far (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ServerCpu:
    """CPU seconds the local PostgreSQL server spends for this database, over every connection
    to it (a rebuild opens more than its own): a thread of its own looks every `every` seconds
    which server processes serve the database and reads their /proc CPU; up to that interval
    of an ended connection's last moments is missed. `seconds` is None on SQLite."""

    def __init__(self, every=0.2):
        self.every = every
        self.seconds = None
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        if connection.vendor == "postgresql":
            self._first, self._last = {}, {}
            started = threading.Event()
            self._thread = threading.Thread(target=self._watch, args=(started,))
            self._thread.start()
            started.wait()
        return self

    def _sample(self, initial=False):
        """Its own connection is left out; a process first seen later started meanwhile."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
            pids = [row[0] for row in cursor.fetchall()]
        for pid in pids:
            seconds = _cpu_seconds(pid)
            if seconds is not None:
                self._first.setdefault(pid, seconds if initial else 0.0)
                self._last[pid] = seconds

    def _watch(self, started):
        try:
            self._sample(initial=True)
            started.set()
            while not self._stop.wait(self.every):
                self._sample()
            self._sample()
        finally:
            started.set()
            connection.close()

    def __exit__(self, *exc):
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self.seconds = sum(self._last[pid] - self._first[pid] for pid in self._last)


def clear_analysis_caches():
    """Forget every analysed word (the lru_caches of search.german and search.text), so the
    next analysis runs as in a fresh process: a warm cache hides a race between threads."""
    from .. import german, text

    for module in (german, text):
        for name in dir(module):
            cache_clear = getattr(getattr(module, name), "cache_clear", None)
            if cache_clear is not None and name != "vocabulary":
                cache_clear()


def time_rebuild(docs, keep=False, words=None, verify=False):
    """Wall and CPU seconds of `backend.rebuild` alone over the corpus of `docs` documents in a
    scratch database (the documents are made before the clock starts; no Wagtail index).
    `words`: draw the texts from that many real German words instead of the domain list;
    `verify`: afterwards compare every stored text vector with a single-threaded analysis."""
    from ..backends import get_backend, reset_backends
    from ..indexing import RegionInfo, to_document_data

    vocabulary = {"words": german_words(words)} if words else {}
    with scratch_database(docs, keep=keep) as name:
        reset_backends()
        regions = RegionInfo(preload=True)
        datas = [
            to_document_data(key, doc, regions)
            for key, doc in make_documents(docs, Vocabulary(), **vocabulary)
        ]
        backend = get_backend("database")
        clear_analysis_caches()  # analysed anew, as in a fresh process
        with ServerCpu() as server:
            start, cpu = time.perf_counter(), time.process_time()
            written = backend.rebuild(iter(datas))
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        backend_name = type(backend).__name__
        clear_analysis_caches()
        wrong = backend.wrong_texts() if verify else None
        reset_backends()
    return {
        "wrong": wrong,
        "database": name,
        "vendor": connection.vendor,
        "docs": written,
        "backend": backend_name,
        "wall": wall,
        "cpu": cpu,
        "server_cpu": server.seconds,
        "load": os.getloadavg(),
    }


def format_rebuild(result):
    server = result["server_cpu"]
    return (
        f"Neuaufbau: {result['vendor']} ({result['database']}, {result['backend']}), "
        f"{result['docs']} Dokumente: {result['wall']:.1f} s Wand, {result['cpu']:.1f} s CPU "
        "dieses Prozesses"
        + ("" if server is None else f", {server:.1f} s CPU Server")
        + f", Last {result['load'][0]:.2f}/{result['load'][1]:.2f}"
        + (
            ""
            if result.get("wrong") is None
            else f"; {len(result['wrong'])} Textvektoren abweichend"
        )
    )


def summarise(times):
    if not times:
        return {"p50": float("nan"), "p95": float("nan"), "max": float("nan")}
    return {
        "p50": statistics.median(times) * 1000,
        "p95": percentile(times, 95) * 1000,
        "max": max(times) * 1000,
    }


def run(docs, queries=200, keep=False, wagtail_budget=600.0, progress_factory=None):
    """Build the corpus, time the query mix, return a result dict (see `format_table`)."""
    from ..backends import reset_backends

    def bar(total, desc):
        return progress_factory(total=total, desc=desc) if progress_factory else None

    with scratch_database(docs, keep=keep) as name:
        reset_backends()
        start = time.perf_counter()
        progress = bar(docs, "Korpus")
        built = build_corpus(docs, progress)
        if progress is not None:
            progress.close()
        settle()
        build_seconds = time.perf_counter() - start
        requests = make_queries(queries, Vocabulary())
        progress = bar(len(requests), "Anfragen")
        ours, wagtail, ours_cpu, paired = time_queries(requests, wagtail_budget, progress)
        if progress is not None:
            progress.close()
        shares, common = time_common_words()
        reload = time_reload_after_write()
        from ..backends import get_backend

        backend_name = type(get_backend("database")).__name__
        reset_backends()
    return {
        "database": name,
        "vendor": connection.vendor,
        "docs": docs,
        "queries": len(requests),
        "built": built,
        "build_seconds": build_seconds,
        "backend": backend_name,
        "ours": summarise(ours),
        "ours_paired": summarise(paired),
        "ours_cpu": summarise(ours_cpu),
        "wagtail": summarise(wagtail),
        "wagtail_queries": len(wagtail),
        "load": os.getloadavg(),
        "common": summarise(common),
        "common_shares": shares,
        "after_write": summarise(reload["after_write"]),
        "applied": summarise(reload["applied"]),
        "full_reload": summarise(reload["full"]),
        "memory": {k: reload[k] for k in ("arrays_mb", "rss_mb", "rss_growth_mb")},
    }


def format_table(result):
    ours, wagtail, paired = result["ours"], result["wagtail"], result["ours_paired"]
    ratio = wagtail["p95"] / paired["p95"] if paired["p95"] > 0 else float("nan")
    n_wagtail = result["wagtail_queries"]
    # SQLite works inside this process, so its CPU time is the work without waiting for a
    # core on a loaded machine; with PostgreSQL the server's share is not in it.
    cpu = result["ours_cpu"]
    rows = [
        f"Datenbank: {result['vendor']} ({result['database']}), {result['docs']} Dokumente, "
        f"{result['queries']} Anfragen, Last {result['load'][0]:.2f}/{result['load'][1]:.2f}",
        f"Korpus {'aufgebaut' if result['built'] else 'wiederverwendet'} "
        f"in {result['build_seconds']:.1f} s",
        f"{'Suche':<30} {'Anfragen':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}",
        f"{'Werkstatt (' + result['backend'] + ')':<30} {result['queries']:>8} "
        f"{ours['p50']:>8.1f} {ours['p95']:>8.1f} {ours['max']:>8.1f}",
        f"{'Wagtail (.search + .facet)':<30} {n_wagtail:>8} "
        f"{wagtail['p50']:>8.1f} {wagtail['p95']:>8.1f} {wagtail['max']:>8.1f}",
        f"{'  davon CPU dieses Prozesses':<30} {result['queries']:>8} "
        f"{cpu['p50']:>8.1f} {cpu['p95']:>8.1f} {cpu['max']:>8.1f}",
        f"Verhältnis p95 Wagtail/Werkstatt auf denselben {n_wagtail} Anfragen: {ratio:.1f}x "
        f"(Werkstatt dort p95 {paired['p95']:.1f} ms)",
    ]
    if "common" in result:
        common, shares = result["common"], result["common_shares"]
        words = ", ".join(f"{word} {share:.0%}" for word, share in shares.items())
        rows.append(
            f"{'Häufige Wörter (' + str(len(shares)) + ')':<30} {'':>8} "
            f"{common['p50']:>8.1f} {common['p95']:>8.1f} {common['max']:>8.1f}   ({words})"
        )
        after, full, memory = result["after_write"], result["full_reload"], result["memory"]
        rows.append(
            f"{'Erste Suche nach 1 Schreiben':<30} {'':>8} "
            f"{after['p50']:>8.1f} {after['p95']:>8.1f} {after['max']:>8.1f}"
        )
        applied = result["applied"]
        rows.append(
            f"{'  davon Änderung anwenden':<30} {'':>8} "
            f"{applied['p50']:>8.1f} {applied['p95']:>8.1f} {applied['max']:>8.1f}"
        )
        rows.append(
            f"{'  zum Vergleich: ganz neu laden':<30} {'':>8} "
            f"{full['p50']:>8.1f} {full['p95']:>8.1f} {full['max']:>8.1f}"
        )
        rows.append(
            f"Snapshot im Speicher: Arrays {memory['arrays_mb']:.1f} MB, Prozess "
            f"{memory['rss_mb']:.0f} MB RSS (+{memory['rss_growth_mb']:.0f} MB beim Laden)"
        )
    return "\n".join(rows)
