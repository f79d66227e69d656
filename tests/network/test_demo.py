"""Demo directory: idempotent, all three visibilities, fictional people only."""

import io

import pytest

from network import demo
from network.models import Body, Membership, Municipality, Person

pytestmark = pytest.mark.django_db

REAL_NAMES_FROM_SEEDS = ["Teicke", "Lütke-Dartmann", "Eulitz", "Kemink"]


def test_demo_is_idempotent_and_fictional(db):
    out = io.StringIO()
    demo.load(out)
    counts = [m.objects.count() for m in (Municipality, Body, Person, Membership)]
    demo.load(out)
    assert [m.objects.count() for m in (Municipality, Body, Person, Membership)] == counts
    assert "0 Personen neu" in out.getvalue().splitlines()[-1]
    assert {p.visibility for p in Person.objects.all()} == {"public", "members", "hidden"}
    assert Person.objects.filter(consent_given=False).exists()
    assert all(p.email.endswith(".example") for p in Person.objects.all())
    for name in REAL_NAMES_FROM_SEEDS:
        assert not Person.objects.filter(name__icontains=name).exists()
    stolberg = Body.objects.get(name__startswith="Lenkungskreis", municipality__slug="stolberg")
    assert stolberg.sub_bodies.count() == 7
    beirat = Body.objects.get(name="ZWK-Beirat Bremerhaven")
    assert len(beirat.former_memberships()) == 1 and len(beirat.current_memberships()) == 4
    for person in Person.objects.all():
        person.full_clean()
