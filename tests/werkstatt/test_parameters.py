"""Numbers in requests: one strict parser, and no parameter set makes any endpoint answer 5xx.

The property test sends random parameter sets (Unicode digits such as „²“, huge numbers,
repeated keys, control characters) to every endpoint that reads parameters. Examples per
endpoint: WERKSTATT_FUZZ_EXAMPLES (default 150); WERKSTATT_FUZZ_ONLY=suche limits the run to
the endpoints whose path contains that text. The acceptance run (10,000 per search endpoint):
    WERKSTATT_FUZZ_EXAMPLES=10000 WERKSTATT_FUZZ_ONLY=suche pytest -s tests/werkstatt/test_parameters.py
"""

import os
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.contract import FACETS
from tests.conftest import Quiet, module_transaction
from werkstatt.numbers import NumberError, parse_int

EXAMPLES = int(os.environ.get("WERKSTATT_FUZZ_EXAMPLES", "150"))
ONLY = os.environ.get("WERKSTATT_FUZZ_ONLY", "")

ENDPOINTS = [
    "/suche/",
    "/api/v1/suche/",
    "/api/v1/suche/vorschlaege/",
    "/netzwerk/personen/",
    "/netzwerk/organisationen/",
    "/netzwerk/gremien/",
    "/netzwerk/kommunen/",
    "/api/v1/netzwerk/kontakte/",
    "/api/v1/netzwerk/kommunen/",
    "/api/v1/netzwerk/organisationen/",
    "/api/v1/netzwerk/gremien/",
    "/projekte/",
    "/werkzeuge/",
    "/api/v1/werkzeuge/",
    "/api/v1/zukunftsbilder/",
]
UNICODE_DIGITS = ["²", "³", "¹", "١", "٣٤", "۵", "१२", "①", "𝟙", "Ⅻ", "٠", "߁", "᠑", "１２"]
NUMBER_LIKE = ["0", "1", "2", "00001", "-1", "+1", " 1", "1 ", "1_0", "1e3", "0x10", "1.0", "1\n"]

NAMES = st.sampled_from(
    ["q", "seite", "sortierung", "alle", "art", "status", "druck", "richtung", *FACETS, "id", ""]
)
VALUES = st.one_of(
    st.sampled_from(UNICODE_DIGITS + NUMBER_LIKE),
    st.text(alphabet="0123456789", min_size=15, max_size=5000),  # huge numbers
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), max_size=6),
    st.text(max_size=40),
)
PAIRS = st.lists(st.tuples(NAMES, VALUES), max_size=6)
# Repeats: some pairs twice, with the same or another value.
PARAMS = st.tuples(PAIRS, st.lists(st.tuples(NAMES, VALUES), max_size=3)).map(
    lambda both: both[0] + both[0][: len(both[1])] + both[1]
)


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """The demo site: every page type with content, loaded once for this module."""
    with module_transaction(django_db_blocker):
        call_command("load_demo", stdout=Quiet())
        yield


@pytest.fixture
def demo(module_demo, db):
    """The module's demo inside this test's savepoint."""


def fuzz(client, path):
    """EXAMPLES random parameter sets against `path`; returns the status codes seen."""
    seen = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(params=PARAMS)
    def check(params):
        query = "&".join(f"{_quote(name)}={_quote(value)}" for name, value in params)
        response = client.get(f"{path}?{query}")
        seen.append(response.status_code)
        assert response.status_code < 500, (path, params, response.status_code)

    check()
    return seen


def _quote(text):
    return quote(text, safe="")


@pytest.mark.django_db
def test_random_parameters_never_give_a_5xx_on_any_endpoint(demo):
    client = Client(raise_request_exception=False)
    report = {}
    for path in [path for path in ENDPOINTS if ONLY in path]:
        assert client.get(path).status_code == 200, path
        seen = fuzz(client, path)
        assert len(seen) >= min(EXAMPLES, 50)
        report[path] = (len(seen), sorted(set(seen)))
    print("\n".join(f"{path}: {n} Anfragen, Status {codes}" for path, (n, codes) in report.items()))
    # Bad input is a 400 with a message, not silently page 1: the fuzzing reached it.
    for path in ("/suche/", "/netzwerk/personen/"):
        assert path not in report or 400 in report[path][1], path


@pytest.mark.django_db
def test_bad_page_numbers_get_a_german_400_everywhere(demo):
    client = Client(raise_request_exception=False)
    for value in ["²", "١", "99999999999999999999999", "-1", "0", "1 ", "+2", "𝟙"]:
        page = client.get("/suche/", {"seite": value})
        assert page.status_code == 400, value
        assert "Die Seitenzahl muss eine ganze Zahl zwischen 1 und 500 sein." in (
            page.content.decode()
        )
        api = client.get("/api/v1/suche/", {"seite": value})
        assert api.status_code == 400 and api.json()["error"]["parameter"] == "seite"
        listing = client.get("/netzwerk/personen/", {"seite": value})
        assert listing.status_code == 400
        assert "„seite“ muss eine ganze Zahl zwischen 1 und 10000 sein." in (
            listing.content.decode()
        )
        directory = client.get("/api/v1/netzwerk/kontakte/", {"seite": value})
        assert directory.status_code == 400 and directory.json()["parameter"] == "seite"
    # Repeats and ids beyond what a database column holds.
    assert client.get("/netzwerk/personen/?seite=1&seite=2").status_code == 400
    assert client.get("/api/v1/suche/?seite=1&seite=1").status_code == 400
    assert client.get("/netzwerk/personen/99999999999999999999999/").status_code == 404
    assert client.get("/netzwerk/personen/9223372036854775808/").status_code == 404
    assert client.get("/api/v1/netzwerk/kontakte/9223372036854775807/").status_code == 404
    assert client.get("/netzwerk/personen/?seite=1").status_code == 200


def test_parse_int_takes_ascii_digits_within_bounds_only():
    assert parse_int("7", "n", 1, 10) == 7
    assert parse_int("", "n", 1, 10, default=1) == 1
    for bad in ["²", "٣", "0", "11", "1 ", " 1", "+1", "-1", "1_0", "1\n", "9" * 5000, "𝟙"]:
        with pytest.raises(NumberError) as error:
            parse_int(bad, "n", 1, 10)
        assert error.value.message == "„n“ muss eine ganze Zahl zwischen 1 und 10 sein."
