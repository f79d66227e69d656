"""Erasure leaves nothing: a dump of the whole database (every table, FTS5 shadow tables and
their segment blobs included; PostgreSQL through pg_dump) holds no name form, e-mail or phone.

Transactional tests: pg_dump reads committed data through its own connection, and the search
and FTS work of an erasure runs after commit, as in production.
"""

import os
import re
import shutil
import subprocess

import pytest
from django.db import connection
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from network.factories import PersonFactory
from network.privacy import erase_person
from network.privacy.scrub import variants
from search.text import stem
from werkstatt.demo import ensure_child
from werkstatt.models import StandardPage

pytestmark = pytest.mark.django_db(transaction=True)

GIVEN, SURNAME = "Gerlinde", "Quastenberg"
NAME = f"{GIVEN} {SURNAME}"
EMAIL = "g.quastenberg@kreis-beispiel.de"
PHONE = "02421 555 0199"
FORMS = [NAME, f"Frau {SURNAME}", f"{SURNAME}, {GIVEN}", SURNAME]  # and "Frau Dr.&nbsp;..."
# What the full-text indexes store: our FTS5 keeps Snowball stems, Wagtail's the words.
INDEX_TERMS = [stem(GIVEN), stem(SURNAME), "quastenberg", "gerlinde"]


def sqlite_dump():
    """`.dump` of the test database: every table incl. FTS5 shadow tables; blobs decoded."""
    text = "\n".join(connection.connection.iterdump())
    blobs = [
        bytes.fromhex(h).decode("utf-8", "replace") for h in re.findall(r"X'([0-9a-fA-F]*)'", text)
    ]
    return text + "\n" + "\n".join(blobs)


def postgres_dump():
    """pg_dump of the test database (schema and data of every table)."""
    binary = shutil.which("pg_dump")
    assert binary, "pg_dump fehlt (apt-get install postgresql-client)"
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    command = [binary, "--no-owner", "-d", db["NAME"], "-h", db.get("HOST") or "127.0.0.1"]
    command += ["-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout


def dump():
    return sqlite_dump() if connection.vendor == "sqlite" else postgres_dump()


def found(text, token):
    lowered = text.lower()
    return [v for v in variants(token) if v.lower() in lowered]


def where(text, token):
    """Each place (60 characters around) where a spelling of the token stands, for the message."""
    lowered = text.lower()
    places = []
    for v in variants(token):
        for match in re.finditer(re.escape(v.lower()), lowered):
            places.append(text[max(0, match.start() - 60) : match.end() + 20])
    return places[:5]


def phone_found(text):
    digits = re.sub(r"\D", "", PHONE)
    return re.findall(r"(?<!\d)" + r"[\s/.-]{0,3}".join(digits) + r"(?!\d)", text)


@pytest.fixture
def traced(site_tree):
    """A public person in a page's revisions (full name, "Frau Quastenberg", "Frau Dr. ...",
    the surname alone), in log entries, in our search index and in Wagtail's."""
    person = PersonFactory(name=NAME, email=EMAIL, phone=PHONE, visibility="public")
    log(person, "wagtail.edit")
    page, _ = ensure_child(
        site_tree,
        StandardPage,
        "gespraechsrunde",
        title="Gesprächsrunde Pflege",
        intro=f"Gesprächsrunde mit Frau {SURNAME} im Rathaus.",
        body=[("text", f"<p>{SURNAME} erklärt, wie Pflege vor Ort gelingt.</p>")],
    )
    page.intro = f"Es lädt ein: {NAME} ({EMAIL}, Tel. 02421/555 01 99)."
    page.save_revision().publish()
    page.intro = f"Neu: Frau Dr.&nbsp;{SURNAME} lädt ein. Liste: {SURNAME}, {GIVEN}."
    page.save_revision().publish()
    log(page, "wagtail.edit", data={"notiz": f"Mit Frau {SURNAME} telefoniert"})
    return {"person": person, "page": page}


def test_the_dump_holds_every_trace_before_erasure(traced):
    """Without this the test below could pass on an empty dump."""
    text = dump()
    for token in FORMS + [EMAIL]:
        assert found(text, token), token
    assert phone_found(text)
    older = Revision.objects.filter(object_id=str(traced["page"].pk)).order_by("pk").first()
    assert f"Frau {SURNAME}" in str(older.content)
    if connection.vendor == "sqlite":
        for table in ("search_fts_content", "wagtailsearch_indexentry_fts_content"):
            rows = connection.cursor().execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608
            assert any(stem(SURNAME) in str(row).lower() for row in rows), table


def test_erasure_leaves_nothing_in_a_dump(traced, editor):
    erase_person(traced["person"], user=editor)
    text = dump()
    for token in FORMS + [EMAIL]:
        assert not found(text, token), f"{token!r} steht noch im Dump: {where(text, token)}"
    assert not phone_found(text), "die Telefonnummer steht noch im Dump"
    lowered = text.lower()
    for term in INDEX_TERMS:
        assert term not in lowered, f"Indexterm {term!r} steht noch im Dump"
    # The page still reads sensibly and its older revisions are scrubbed, not deleted.
    page = StandardPage.objects.get(pk=traced["page"].pk)
    assert page.intro.startswith("Neu: [entfernt] lädt ein.")
    assert Revision.objects.filter(object_id=str(page.pk)).count() == 3
    entry = ModelLogEntry.objects.get(action="network.erase")
    assert entry.data["search"] == {"database": "gelöscht"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 segments exist on SQLite only")
def test_fts5_segments_keep_a_deleted_term_until_compacted(site_tree):
    """Why erasure compacts: deleting a row only marks it; its term stays in the segment blob."""
    from search import indexing
    from search.backends import get_backend

    term = "xylophonquartett"

    def in_segments():
        rows = connection.cursor().execute("SELECT block FROM search_fts_data").fetchall()
        return any(term.encode() in bytes(block) for (block,) in rows if block)

    person = PersonFactory(name="Ottilie Xylophonquartett", email="", phone="")
    assert in_segments()
    get_backend("database").delete([f"network.person:{person.pk}"])
    assert in_segments()
    indexing.compact()
    assert not in_segments()
