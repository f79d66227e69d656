"""Fixtures of the search contract suite: a corpus written through the public indexing API and
a `search_backend` fixture that runs each test once per available backend.

To add a backend, append its name to `CONTRACT_BACKENDS` and teach `backend_unavailable()` when
to skip it. Each backend gets the same documents: the projection is written through
`search.indexing.write_documents()`, and a non-database backend is rebuilt from those documents.
"""

import datetime
import subprocess
import sys

import pytest
from django.conf import settings

from search.backends import get_backend, reset_backends
from search.indexing import to_document_data, write_documents
from search.registry import IndexDocument

CONTRACT_BACKENDS = ["database", "elasticsearch"]


def backend_unavailable(name):
    """A reason to skip `name` here, or "" when it can run."""
    if name == "elasticsearch" and not settings.ELASTICSEARCH_URL:
        return "ELASTICSEARCH_URL ist nicht gesetzt"
    if name not in ("database", "elasticsearch"):
        return f"unbekanntes Backend {name}"
    return ""


# The worked example: six public documents and one for members only.
CORPUS = {
    "test.doc:1": IndexDocument(
        kind="werkzeug",
        title="Seniorenbeirat gründen",
        url="/werkzeuge/seniorenbeirat/",
        summary="Ein Beirat gibt Seniorinnen und Senioren eine Stimme in der Kommune.",
        body="Satzung, Wahl und Geschäftsordnung: so arbeitet der Beirat mit Rat und Verwaltung.",
        date=datetime.date(2021, 3, 1),
        facets={
            "handlungsfeld": ["buergerbeteiligung-und-engagement"],
            "region": ["05334032"],
            "zielgruppe": ["seniorinnen-und-senioren"],
            "status": ["bestehend"],
            "schlagwort": ["Ehrenamt"],
            "jahr": ["2021"],
        },
    ),
    "test.doc:2": IndexDocument(
        kind="werkzeug",
        title="Bürgerbus organisieren",
        url="/werkzeuge/buergerbus/",
        summary="Ehrenamtliche fahren Nachbarn zum Arzt und zum Einkaufen.",
        body="Mobilität im ländlichen Raum sichern: Fahrplan, Versicherung, Fahrzeug & Förderung.",
        date=datetime.date(2023, 5, 10),
        facets={
            "handlungsfeld": ["mobilitaet-und-nahversorgung"],
            "region": ["05962"],
            "zielgruppe": ["seniorinnen-und-senioren"],
            "status": ["neu"],
            "schlagwort": ["Ehrenamt", "Mobilität"],
            "jahr": ["2023"],
        },
    ),
    "test.doc:3": IndexDocument(
        kind="werkzeug",
        title="Sicherer Radweg zur Schule",
        url="/werkzeuge/radweg/",
        summary="Kinder <und> Eltern planen den Schulweg gemeinsam mit der Stadt.",
        body="Eine Bestandsaufnahme zeigt Lücken; danach folgen Markierungen und Tempo 30.",
        date=datetime.date(2022, 9, 1),
        facets={
            "handlungsfeld": ["mobilitaet-und-nahversorgung", "bildung"],
            "region": ["05358"],
            "zielgruppe": ["kinder-und-jugendliche"],
            "status": ["neu"],
            "schlagwort": ["Verkehr"],
            "jahr": ["2022"],
        },
    ),
    "test.doc:4": IndexDocument(
        kind="projekt",
        title="Dorfladen an der Straße",
        url="/projekte/dorfladen/",
        summary="Ein genossenschaftlicher Laden sichert die Nahversorgung im Dorf.",
        body="Mit Café und Paketstation wird der Laden zum Treffpunkt für Jung und Alt.",
        date=datetime.date(2022, 1, 15),
        facets={
            "handlungsfeld": ["mobilitaet-und-nahversorgung"],
            "region": ["13076"],
            "zielgruppe": ["seniorinnen-und-senioren"],
            "schlagwort": ["Nahversorgung"],
            "jahr": ["2022"],
        },
    ),
    "test.doc:5": IndexDocument(
        kind="bericht",
        title="Sozialbericht Bremerhaven 2020",
        url="/projekte/sozialbericht-bremerhaven/",
        summary="Daten zu Bevölkerung, Armut und Pflege in den Stadtteilen.",
        body="Der Bericht empfiehlt Quartiersarbeit und mehr Radwege in den Stadtteilen.",
        date=datetime.date(2020, 11, 30),
        facets={
            "handlungsfeld": ["demografienetzwerk-und-verwaltung"],
            "region": ["04012"],
            "jahr": ["2020"],
        },
    ),
    "test.doc:6": IndexDocument(
        kind="werkzeug",
        title="Wohnberatung im Quartier",
        url="/werkzeuge/wohnberatung/",
        summary="Beratung zum Umbau der Wohnung, damit Menschen zu Hause alt werden können.",
        body="Die Beratung ist kostenlos; Fachkräfte kommen auf Wunsch ins Haus.",
        date=None,
        facets={"handlungsfeld": ["leben-und-wohnen"], "status": ["bestehend"]},
    ),
    "test.doc:7": IndexDocument(
        kind="kontakt",
        title="Erika Beispiel",
        url="/netzwerk/personen/erika-beispiel/",
        summary="Geschäftsstelle Seniorenbeirat, erika.beispiel@example.org",
        date=datetime.date(2024, 2, 1),
        visibility="members",
        facets={"handlungsfeld": ["buergerbeteiligung-und-engagement"], "region": ["05334"]},
    ),
}


@pytest.fixture
def stolberg(db, regions):
    """Gemeinde Stolberg (Rhld.) below StädteRegion Aachen, as the demo loaders create it."""
    from taxonomy.models import Region, RegionLevel

    aachen = Region.objects.get(code="05334")
    region, _ = Region.objects.get_or_create(
        code="05334032",
        defaults={
            "name": "Stolberg (Rhld.)",
            "level": RegionLevel.GEMEINDE,
            "kind": "Stadt",
            "parent": aachen,
        },
    )
    return region


def index_corpus(backend_name, corpus):
    datas = [to_document_data(key, doc) for key, doc in corpus.items()]
    write_documents(datas)
    if backend_name != "database":
        get_backend(backend_name).rebuild(datas)
    return datas


@pytest.fixture(params=CONTRACT_BACKENDS)
def search_backend(request, db, stolberg, settings):
    """Each contract test runs once per backend; unavailable ones are skipped with the reason."""
    name = request.param
    reason = backend_unavailable(name)
    if reason:
        pytest.skip(reason)
    settings.SEARCH_BACKEND = name
    reset_backends()
    index_corpus(name, CORPUS)
    yield get_backend(name)
    reset_backends()


@pytest.fixture
def corpus(db, stolberg):
    """The worked-example documents in the database backend (for page and API tests)."""
    reset_backends()
    index_corpus("database", CORPUS)
    yield CORPUS
    reset_backends()


def around_a_change(tmp_path, ask_twice, change):
    """B's two answers when process B runs `ask_twice` (it prints a line, reads one, prints
    again) and process A runs `change` in between: two OS processes on the test database (a
    file copy on SQLite) sharing the file cache of one VAR_DIR, as two web workers without
    Redis."""
    from ..werkstatt.test_production_server import ROOT
    from ..werkstatt.test_two_processes import _environment

    env = _environment(tmp_path, "file")
    run = [sys.executable, "manage.py", "shell", "-v", "0", "-c"]
    reader = subprocess.Popen(
        [*run, ask_twice],
        cwd=ROOT,
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        before = reader.stdout.readline().split()
        subprocess.run([*run, change], cwd=ROOT, env=env, check=True)
        after, _ = reader.communicate("\n", timeout=120)
    finally:
        reader.kill()
    return before, after.split()
