"""Phone numbers in one normal form; vCards escaped per RFC 6350 and read back by a real parser."""

import io

import pytest
import vobject
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from network.factories import PersonFactory
from network.models import Person
from network.phones import normalise_phone
from network.vcard import vcard_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("02351 17-0", "+49 2351 170"),
        ("(0 23 51) 17-0", "+49 2351 170"),
        ("+49 2351 170", "+49 2351 170"),
        ("0049 30 1234567", "+49 30 1234567"),
        ("0171 1234567", "+49 171 1234567"),
        ("+43 1 5879999", "+43 1 5879999"),
        ("", ""),
    ],
)
def test_phone_numbers_are_stored_in_one_form(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("junk", ["@SUM(1+1)", "=HYPERLINK(1)", "keine", "12", "0000"])
def test_junk_is_not_a_phone_number(junk):
    with pytest.raises(ValidationError) as error:
        normalise_phone(junk)
    assert "keine gültige Telefonnummer" in error.value.messages[0]


def test_model_clean_normalises_and_refuses(db):
    person = PersonFactory.build(phone="02351 17-0", organisation=None, municipality=None)
    person.full_clean(exclude=["organisation", "municipality"])
    assert person.phone == "+49 2351 170"
    person.phone = "@SUM(1+1)"
    with pytest.raises(ValidationError) as error:
        person.full_clean(exclude=["organisation", "municipality"])
    assert "phone" in error.value.message_dict


def test_contacts_import_refuses_a_formula_as_phone(tmp_path):
    path = tmp_path / "kontakte.csv"
    path.write_text("Name;Telefon\nEva Muster;@SUM(1+1)\nOle Ohne;02351 17-0\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nichts wurde gespeichert"):
        call_command("import_contacts", str(path), stderr=err, stdout=io.StringIO())
    assert (
        "Zeile 2, Spalte „Telefon“: „@SUM(1+1)“ ist keine gültige Telefonnummer" in err.getvalue()
    )
    assert not Person.objects.exists()
    path.write_text("Name;Telefon\nOle Ohne;02351 17-0\n", encoding="utf-8")
    call_command("import_contacts", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Person.objects.get().phone == "+49 2351 170"


HOSTILE = [
    "Eva Muster\rEMAIL:angreifer@example.org",
    "Eva Muster\nEMAIL:angreifer@example.org",
    "Eva Muster\r\nEMAIL:angreifer@example.org",
    "Muster, Eva; Dr.\\",
    "Ärztin Ünal-Öztürk " + "ß" * 60,  # long, multibyte: folded inside the 75-octet limit
]


@pytest.mark.parametrize("name", HOSTILE)
def test_vcard_round_trips_through_a_real_parser(name):
    person = Person(
        name=name,
        function="Leitung; Planung, Demografie",
        email="eva@example.org",
        phone="+49 2351 170",
    )
    text = vcard_for(person)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
        assert "\r" not in line and "\n" not in line
    card = vobject.readOne(text)
    expected = name.replace("\r\n", "\n").replace("\r", "\n")
    assert card.fn.value == expected
    assert card.title.value == "Leitung; Planung, Demografie"
    assert [e.value for e in card.contents["email"]] == ["eva@example.org"]
    assert card.tel.value == "+492351170"
    # Parsers that split on a bare CR see no extra property either.
    assert not any(line.startswith("EMAIL:") for line in text.replace("\r", "\n").split("\n"))
