"""Search documents: public -> PUBLIC, members -> MEMBERS, hidden or without consent -> none."""

import pytest

from network.search_adapters import (
    BodyAdapter,
    MunicipalityAdapter,
    OrganisationAdapter,
    PersonAdapter,
)
from search.contract import MEMBERS, PUBLIC
from search.registry import adapter_for

from .conftest import MEMBERS_EMAIL, PUBLIC_EMAIL

pytestmark = pytest.mark.django_db


def test_person_documents_follow_effective_visibility(directory):
    adapter = PersonAdapter()
    public = adapter.to_document(directory["public"])
    members = adapter.to_document(directory["members"])
    assert public.visibility == PUBLIC and public.kind == "kontakt"
    assert members.visibility == MEMBERS
    assert adapter.to_document(directory["hidden"]) is None
    assert adapter.to_document(directory["no_consent"]) is None
    assert public.facets["region"] == ["05962032"]
    assert public.facets["handlungsfeld"] == [
        f.slug for f in directory["public"].action_fields.all()
    ]


def test_no_contact_details_in_any_document(directory):
    for key in ("public", "members"):
        document = PersonAdapter().to_document(directory[key])
        text = " ".join([document.title, document.summary, document.body])
        assert PUBLIC_EMAIL not in text and MEMBERS_EMAIL not in text and "4711" not in text


def test_other_documents(directory):
    body = BodyAdapter().to_document(directory["beirat"])
    assert body.kind == "gremium" and body.facets["region"] == ["04012000"]
    organisation = OrganisationAdapter().to_document(directory["stabsstelle"])
    assert organisation.kind == "organisation"
    municipality = MunicipalityAdapter().to_document(directory["luedenscheid"])
    assert municipality.kind == "kommune" and municipality.url == "/netzwerk/kommunen/luedenscheid/"


def test_adapters_are_registered(directory):
    from network.models import Body, Municipality, Organisation, Person

    for model in (Person, Organisation, Body, Municipality):
        assert adapter_for(model) is not None
