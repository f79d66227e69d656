"""SQLite as production runs it: several OS processes writing to one database file.

Each writer reads, then writes, in one transaction, many times over, both at once. With
SQLite's default deferred transactions the second process to upgrade its read to a write got
„database is locked“ at once (no waiting is possible there); with WAL and BEGIN IMMEDIATE
(settings: DATABASES OPTIONS) each waits its turn and every write lands.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 40

SETUP = """
import django, sys
django.setup()
from django.db import connection
from django.contrib.sessions.models import Session
with connection.schema_editor() as editor:
    editor.create_model(Session)
print(connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
"""

WRITER = """
import django, os, sys, time
from datetime import timedelta
django.setup()
from django.db import transaction
from django.contrib.sessions.models import Session
from django.utils import timezone
go, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
while not os.path.exists(go):
    time.sleep(0.01)
expiry = timezone.now() + timedelta(days=1)
for i in range(rounds):
    with transaction.atomic():
        seen = Session.objects.count()  # a read first: the transaction then upgrades to write
        time.sleep(0.002)
        Session.objects.create(session_key=f"{name}-{i}", session_data=str(seen), expire_date=expiry)
print("ok", rounds)
"""


def _env(database):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="werkstatt.settings.test",
        DATABASE_URL=f"sqlite:///{database}",
        PYTHONPATH=f"{ROOT / 'site'}:{ROOT}",
    )
    return env


def _python(code, *args, env):
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_write_to_one_sqlite_file_at_once(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = _env(database)
    setup = _python(SETUP, env=env)
    out, err = setup.communicate(timeout=120)
    assert setup.returncode == 0, err
    assert out.strip() == "wal"

    go = tmp_path / "go"
    writers = [_python(WRITER, go, name, ROUNDS, env=env) for name in ("a", "b")]
    time.sleep(3)  # both have started Django and wait for the signal
    go.touch()
    results = [writer.communicate(timeout=180) for writer in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert "database is locked" not in err
        assert writer.returncode == 0, err
        assert out.strip() == f"ok {ROUNDS}"
    check = _python(
        "import django;django.setup();from django.contrib.sessions.models import Session;"
        "print(Session.objects.count())",
        env=env,
    )
    out, err = check.communicate(timeout=120)
    assert out.strip() == str(2 * ROUNDS), err
