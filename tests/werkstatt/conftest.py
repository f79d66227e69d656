"""A shared world of two municipalities with pages, contacts and people in every role.

Built once per test module (`roles_world`) inside a transaction that is rolled back when the
module is done; each test runs in its own savepoint on top of it, so nothing a test does leaks.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group, User

from tests.conftest import Quiet, module_transaction

PASSWORD = "geheim-123"


@dataclass
class Side:
    """Everything one municipality owns; names are unique so a page can be searched for them."""

    municipality: object
    person: object
    organisation: object
    body: object
    project: object
    draft: object
    folder: object
    catalogue: object
    tool: object
    names: dict = field(default_factory=dict)


@dataclass
class World:
    a: Side
    b: Side
    users: dict


def _side(key, region_code, town, folder_parent, catalogue_section):
    from catalogue.factories import CatalogueIndexPageFactory, ToolPageFactory
    from network.factories import BodyFactory, MunicipalityFactory, OrganisationFactory, gemeinde
    from network.models import Person
    from projects.factories import ProjectPageFactory
    from projects.folders import ensure_folder

    region = gemeinde(region_code, town)
    municipality = MunicipalityFactory(name=town, region=region)
    organisation = OrganisationFactory(name=f"Stabsstelle {key}-Orga", municipality=municipality)
    # Hidden and without consent: only the central team and this municipality's editors see it.
    person = Person.objects.create(
        name=f"Hanna {key}-Verborgen",
        email=f"{key.lower()}@example.org",
        municipality=municipality,
        organisation=organisation,
        visibility="hidden",
        last_confirmed=datetime.date(2020, 1, 1),
    )
    body = BodyFactory(name=f"Lenkungskreis {key}-Gremium", municipality=municipality)
    folder = ensure_folder(municipality)
    project = ProjectPageFactory(
        parent=folder, title=f"Projekt {key}-Seite", slug=f"projekt-{key.lower()}"
    )
    draft = ProjectPageFactory(
        parent=folder, title=f"Entwurf {key}-Seite", slug=f"entwurf-{key.lower()}", live=False
    )
    catalogue = CatalogueIndexPageFactory(
        parent=catalogue_section,
        title=f"Katalog {key}-Werkzeuge",
        slug=f"katalog-{key.lower()}",
        owner_region=region,
    )
    tool = ToolPageFactory(
        parent=catalogue, title=f"Werkzeug {key}-Tool", slug=f"werkzeug-{key.lower()}"
    )
    return Side(municipality, person, organisation, body, project, draft, folder, catalogue, tool)


def build_world():
    from catalogue.factories import section_page as catalogue_section
    from network.role_setup import grant_editor, setup_roles
    from network.roles import CENTRAL_GROUP, MEMBERS_GROUP
    from projects.factories import section_page as projects_section
    from werkstatt import demo

    demo.load(Quiet())
    projects_section()
    section = catalogue_section()
    a = _side("Aach", "05334032", "Stolberg (Rhld.)", None, section)
    b = _side("Brem", "04012000", "Bremerhaven", None, section)
    setup_roles()
    users = {}
    users["member"] = User.objects.create_user("mitglied", "m@example.org", PASSWORD)
    users["member"].groups.add(Group.objects.get(name=MEMBERS_GROUP))
    users["editor_a"] = User.objects.create_user("redaktion-a", "ra@example.org", PASSWORD)
    grant_editor(users["editor_a"], a.municipality)
    users["central"] = User.objects.create_user("redaktion", "r@example.org", PASSWORD)
    users["central"].groups.add(Group.objects.get(name=CENTRAL_GROUP))
    return World(a, b, users)


@pytest.fixture(scope="module")
def roles_world(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(roles_world, db):
    """The module's world inside this test's savepoint."""
    return roles_world
