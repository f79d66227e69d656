"""The scrub rule for one person's name forms (network.privacy.scrub.Traces)."""

import json

import pytest

from network.factories import PersonFactory
from network.privacy.scrub import Traces, split_name

GONE = "[entfernt]"


@pytest.fixture
def traces():
    return Traces("Gerlinde Koch", "g.koch@example.org", "0421 999 1234")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Gerlinde Koch", ("Gerlinde", "Koch")),
        ("Dr. Hans-Peter Müller-Lüdenscheidt", ("Hans-Peter", "Müller-Lüdenscheidt")),
        ("Anna von der Heide", ("Anna", "von der Heide")),
        ("Madonna", ("Madonna", "")),
    ],
)
def test_split_name(name, expected):
    assert split_name(name) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sprechstunde mit Gerlinde Koch.",
        "Sprechstunde mit Frau Koch.",
        "Sprechstunde mit Herrn Dr. Koch.",
        "Sprechstunde mit Frau Prof. Dr.&nbsp;Koch.",
        "Liste: Koch, Gerlinde.",
        "Gez. G. Koch.",
        "Mail an G.KOCH@example.org.",
        "Telefon +49 421 9991234.",
        "Telefon 0421/999 12 34.",
    ],
)
def test_strong_forms_go_everywhere(traces, text):
    new, count = traces.scrub_text(text)
    assert count and GONE in new
    assert "Koch" not in new and "1234" not in new and "koch@" not in new.lower()


def test_surname_alone_only_where_the_text_names_the_person(traces):
    alone = "Koch erklärt die Pflegeberatung."
    assert traces.scrub_text(alone) == (alone, 0)
    assert traces.scrub_text(alone, related=True) == (f"{GONE} erklärt die Pflegeberatung.", 1)
    both, count = traces.scrub_text("Frau Koch lädt ein. Koch erklärt die Pflegeberatung.")
    assert both == f"{GONE} lädt ein. {GONE} erklärt die Pflegeberatung." and count == 2


@pytest.mark.parametrize(
    "text",
    [
        "Der Koch der Mensa kocht.",  # a common noun after an article
        "Ein Koch hilft.",
        "Kochkurs und Koch-Workshop",  # inside longer words
        "koch mal wieder",  # lower case
    ],
)
def test_surname_as_a_word_of_the_language_stays(traces, text):
    new, _count = traces.scrub_text("Frau Koch lädt ein. " + text)
    assert new == f"{GONE} lädt ein. " + text


def test_a_namesake_keeps_titles_weak_and_the_surname_alone(traces):
    shared = Traces("Gerlinde Koch", "g.koch@example.org", namesake=True)
    other = "Herr Koch (Stadtwerke) und Koch sprechen."
    assert shared.scrub_text(other) == (other, 0)
    new, _ = shared.scrub_text("Gerlinde Koch und Frau Koch. Koch spricht.")
    assert new == f"{GONE} und {GONE}. Koch spricht."


def test_json_escaped_spellings(traces):
    data = {
        "intro": "Frau Jürgen",
        "body": json.dumps([{"value": "<p>Frau Koch – Koch erklärt</p>"}]),
    }
    raw = json.dumps(data)  # ASCII escapes, a StreamField's JSON string inside JSON
    new, count = traces.scrub_text(raw)
    assert count == 2 and "Koch" not in new and json.loads(json.loads(new)["body"])


def test_structures_are_one_text(traces):
    content = {"title": "Koch berichtet", "intro": "Mit Gerlinde Koch", "tags": ["Koch"]}
    new, count = traces.scrub_data(content)
    assert count == 3 and "Koch" not in json.dumps(new)
    untouched = {"title": "Koch berichtet"}
    assert traces.scrub_data(untouched) == (untouched, 0)


@pytest.mark.django_db
def test_namesake_is_read_from_the_directory():
    person = PersonFactory(name="Gerlinde Quastenberg", email="", phone="")
    assert Traces.of(person).weak.search("Quastenberg spricht")
    PersonFactory(name="Heinz Quastenberg", email="", phone="")
    assert not Traces.of(person).scrub_text("Quastenberg spricht", related=True)[1]
    assert not Traces.of(person).scrub_text("Frau Quastenberg spricht")[1]
    assert Traces.of(person).scrub_text("Gerlinde Quastenberg spricht")[1] == 1
