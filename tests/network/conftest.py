"""Directory fixtures: one municipality with a public, a members-only and a hidden contact."""

import datetime

import pytest
from django.test import Client

from network.factories import (
    BodyFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    gemeinde,
)
from network.models import MunicipalityKind
from taxonomy.models import ActionField, Region

# The search suite's worked example, for the alerts of saved searches (test_alerts).
from tests.search.conftest import corpus, stolberg  # noqa: F401, E402

PUBLIC_EMAIL = "oeffentlich@example.org"
MEMBERS_EMAIL = "nur-mitglieder@example.org"
HIDDEN_EMAIL = "verborgen@example.org"
NO_CONSENT_EMAIL = "ohne-einwilligung@example.org"


@pytest.fixture
def action_fields(db):
    return {f.slug: f for f in ActionField.objects.all()}


@pytest.fixture
def directory(db, action_fields):
    return build_directory(action_fields)


def build_directory(action_fields):
    """Lüdenscheid (NRW) with four contacts, and Bremerhaven (Bremen) with one public contact."""
    luedenscheid = MunicipalityFactory()
    stabsstelle = OrganisationFactory(
        name="Stabsstelle Demografie und Sozialplanung", municipality=luedenscheid
    )
    first, second = list(action_fields.values())[:2]
    public = PersonFactory(
        name="Paula Offen",
        email=PUBLIC_EMAIL,
        organisation=stabsstelle,
        action_fields=[first],
    )
    members = PersonFactory(
        name="Martin Mitglied",
        email=MEMBERS_EMAIL,
        phone="02351 4711",
        visibility="members",
        organisation=stabsstelle,
        action_fields=[second],
    )
    hidden = PersonFactory(
        name="Hanna Verborgen", email=HIDDEN_EMAIL, visibility="hidden", organisation=stabsstelle
    )
    # Saved with visibility "public" but without consent: the rules must treat it as hidden.
    no_consent = PersonFactory.build(
        name="Otto Ohnezustimmung",
        email=NO_CONSENT_EMAIL,
        visibility="public",
        consent_given=False,
        consent_date=None,
        organisation=stabsstelle,
        municipality=luedenscheid,
    )
    no_consent.save()
    bremerhaven = MunicipalityFactory(
        name="Bremerhaven",
        kind=MunicipalityKind.KREISFREIE_STADT,
        region=gemeinde("04012000", "Bremerhaven"),
    )
    beirat = BodyFactory(name="ZWK-Beirat", kind="beirat", municipality=bremerhaven)
    beirat.action_fields.set([second])
    bremen_person = PersonFactory(
        name="Bert Bremer",
        organisation=OrganisationFactory(
            name="Seniorenbeirat Bremerhaven", municipality=bremerhaven
        ),
        action_fields=[second],
    )
    MembershipFactory(body=beirat, person=bremen_person, role="Vorsitz", group="Politik")
    MembershipFactory(body=beirat, person=members, role="Mitglied", group="Verwaltung")
    MembershipFactory(
        body=beirat,
        person=hidden,
        role="Mitglied",
        since=datetime.date(2019, 1, 1),
        until=datetime.date(2021, 12, 31),
    )
    return {
        "luedenscheid": luedenscheid,
        "bremerhaven": bremerhaven,
        "stabsstelle": stabsstelle,
        "beirat": beirat,
        "public": public,
        "members": members,
        "hidden": hidden,
        "no_consent": no_consent,
        "bremen_person": bremen_person,
        "nrw": Region.objects.get(code="05"),
    }


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def clients(client, member_client, editor_client):
    return {"anonymous": client, "member": member_client, "editor": editor_client}


@pytest.fixture
def indexed(site_tree, action_fields, django_capture_on_commit_callbacks):
    """The directory fixture, written to the search index as the signals do after commit."""
    pytest.importorskip("search.indexing")
    from search.indexing import rebuild

    with django_capture_on_commit_callbacks(execute=True):
        data = build_directory(action_fields)
    rebuild()
    return data
