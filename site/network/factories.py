"""factory_boy factories for the network models; persons default to public with recorded consent."""

import datetime

import factory
from factory.django import DjangoModelFactory

from taxonomy.regions import ensure_region

from .models import Body, BodyKind, Membership, Municipality, MunicipalityKind, Organisation, Person


def gemeinde(code, name, kind="Stadt"):
    """Get-or-create a Gemeinde region under its Kreis (the Kreise ship with the migrations)."""
    return ensure_region(code, name, kind)


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("region",)

    name = "Lüdenscheid"
    kind = MunicipalityKind.STADT
    region = factory.LazyFunction(lambda: gemeinde("05962032", "Lüdenscheid"))
    population = 72000
    population_year = 2023


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stabsstelle Demografie {n}")
    municipality = factory.SubFactory(MunicipalityFactory)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Erika Beispiel {n}")
    function = "Sozialplanung"
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.SelfAttribute("organisation.municipality")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "02351 0000-0"
    visibility = "public"
    consent_given = True
    consent_date = datetime.date(2025, 3, 1)
    consent_method = "Formular"
    last_confirmed = factory.LazyFunction(datetime.date.today)

    @factory.post_generation
    def action_fields(self, create, extracted, **kwargs):
        if create and extracted:
            self.action_fields.set(extracted)


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    kind = BodyKind.ARBEITSGRUPPE
    municipality = factory.SubFactory(MunicipalityFactory)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    role = "Mitglied"
