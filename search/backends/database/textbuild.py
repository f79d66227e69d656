"""PostgreSQL: a rebuild's text vectors, written beside the live `search_text` and swapped in.

Key concepts: `to_tsvector` over 100,000 documents is most of a rebuild's server time and runs
on one core per connection. So `TextBuild` fills a table of the same shape (`STAGE`) from
`WORKERS` threads, each with a connection of its own (Django's connections are per thread),
while the rebuild's own connection goes on writing the document rows; the workers analyse
the texts (`search.text.stems`) and insert their vectors through `search_text_rows`
(migration 0013), then build the table's indexes, each once, after all rows are in. The
rebuild's transaction swaps the table in at its very end (drop the old one, rename the new one
and its indexes), so searches go on reading the old vectors all the time and wait only for
that swap, and a failed rebuild leaves the live table as it was.

The workers' inserts commit on their own (asynchronously: a crash only loses the staging
table, which the next rebuild drops anyway); only the swap is part of the rebuild.
"""

import queue
import re
import threading

from django.db import connection

from ...text import stems

TEXT = "search_text"
STAGE = "search_text_build"
WORKERS = 2
CONSTRAINT_KINDS = {"p": "PRIMARY KEY", "u": "UNIQUE"}
AHEAD = 2  # batches waiting per worker: the writer keeps going while the workers catch up


def on_own_connection(work):
    """work(cursor) in a thread of its own, so on a connection of its own (autocommit);
    its result, or its error raised here."""
    outcome = {}

    def run():
        try:
            with connection.cursor() as cursor:
                outcome["result"] = work(cursor)
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


class TextBuild:
    def __init__(self, workers=WORKERS):
        """Read the live table's shape (on the rebuild's connection), make the staging table
        and start the workers. With no workers the rebuild's connection writes the staging
        table itself: for a rebuild inside a caller's transaction, which may hold locks the
        workers would wait for (an earlier rebuild's swap) while it waits for them."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT array_to_string(reloptions, ', ') FROM pg_class WHERE oid = %s::regclass",
                [TEXT],
            )
            self.options = cursor.fetchone()[0]
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid), c.conname, c.contype FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid "
                "LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = x.indrelid "
                "WHERE x.indrelid = %s::regclass "
                "ORDER BY pg_relation_size(i.oid) DESC, i.relname DESC",
                [TEXT],
            )
            # Largest first, so the slowest build starts first (on an empty table: by name,
            # which puts the whole-text index first).
            self.indexes = cursor.fetchall()
        self.rows = queue.Queue(maxsize=max(workers, 1) * AHEAD)
        self.jobs = queue.Queue()
        for name, definition, _constraint, _kind in self.indexes:
            # A constraint's index too is built as a plain index (ADD CONSTRAINT would lock
            # the table against the other builds) and attached to its constraint in the swap.
            self.jobs.put(_staged_index(name, definition))
        self.error = None
        self.threads = []
        if not workers:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                self._create(cursor)
            return
        on_own_connection(self._create)
        self.done = threading.Barrier(workers)
        self.threads = [threading.Thread(target=self._work) for _ in range(workers)]
        for thread in self.threads:
            thread.start()

    def _create(self, cursor):
        options = f"{self.options}, " if self.options else ""
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")  # left by a rebuild that died
        cursor.execute(
            f"CREATE TABLE {STAGE} (LIKE {TEXT} INCLUDING DEFAULTS INCLUDING STORAGE) "
            f"WITH ({options}autovacuum_enabled = false)"
        )

    def put(self, rows):
        """Queue freshly written rows (TextRow) for their vectors."""
        if self.error is not None:
            raise self.error
        texts = [(row.pk, row.title, row.summary, row.keywords, row.body) for row in rows]
        if self.threads:
            self.rows.put(texts)
        else:
            with connection.cursor() as cursor:
                self._insert(cursor, texts)

    def _work(self):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
                cursor.execute("SET maintenance_work_mem = '256MB'")
                while (rows := self.rows.get()) is not None:
                    if self.error is None:
                        try:
                            self._insert(cursor, rows)
                        except Exception as error:
                            self.error = error
                self.done.wait()  # every row is in: the indexes are built once, over all
                self._build_indexes(cursor)
        except Exception as error:
            self.error = self.error or error  # the first error is the one to tell
            self.done.abort()
        finally:
            connection.close()

    def _build_indexes(self, cursor):
        while self.error is None:
            try:
                job = self.jobs.get_nowait()
            except queue.Empty:
                return
            cursor.execute(job)

    def _insert(self, cursor, rows):
        ids, *texts = zip(*rows, strict=True)
        cursor.execute(
            f"INSERT INTO {STAGE} SELECT * FROM search_text_rows(%s, %s, %s, %s, %s)",
            [list(ids), *([stems(text) for text in column] for column in texts)],
        )

    def finish(self):
        """Wait until every vector is written and indexed; raise a worker's error."""
        if not self.threads:
            with connection.cursor() as cursor:
                self._build_indexes(cursor)
            return
        self._stop()
        if self.error is not None:
            raise self.error

    def abandon(self):
        """After a failed rebuild: stop the workers, drop the staging table (without workers,
        the rebuild's rollback takes it along)."""
        if not self.threads:
            return
        if self.error is None:
            self.error = RuntimeError("Neuaufbau abgebrochen")
        self._stop()
        on_own_connection(lambda cursor: cursor.execute(f"DROP TABLE IF EXISTS {STAGE}"))

    def _stop(self):
        for _ in self.threads:
            self.rows.put(None)
        for thread in self.threads:
            thread.join()

    def swap(self):
        """In the rebuild's transaction, as its last step: the staging table becomes the live
        one, with the live one's names (searches wait only for this until the commit)."""
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {TEXT}")
            cursor.execute(f"ALTER TABLE {STAGE} RENAME TO {TEXT}")
            cursor.execute(f"ALTER TABLE {TEXT} RESET (autovacuum_enabled)")
            for name, _definition, constraint, kind in self.indexes:
                if constraint:  # takes the index's name from the constraint
                    cursor.execute(
                        f'ALTER TABLE {TEXT} ADD CONSTRAINT "{constraint}" '
                        f'{CONSTRAINT_KINDS[kind]} USING INDEX "{name}_build"'
                    )
                else:
                    cursor.execute(f'ALTER INDEX "{name}_build" RENAME TO "{name}"')


def _staged_index(name, definition):
    """The live index's definition (pg_get_indexdef) for the staging table."""
    match = re.fullmatch(r"CREATE (UNIQUE )?INDEX (\S+) ON (\S+) (USING .*)", definition)
    if match is None:
        raise ValueError(f"unbekannte Indexdefinition: {definition}")
    return f'CREATE {match[1] or ""}INDEX "{name}_build" ON {STAGE} {match[4]}'
