"""Demo directory: the seeds' municipalities, organisations and bodies, with FICTIONAL contacts.

Real municipalities and programmes are named as in the seeds; every person is invented, with an
address under the reserved `.example` domain. Persons appear in all three visibilities (and one
without consent) so the demo shows what anonymous visitors, members and editors see.
Idempotent: municipalities by region, organisations and bodies by name and municipality,
persons by e-mail, memberships by body, person and start date.
"""

from taxonomy.models import ActionField, Region
from taxonomy.regions import ensure_region

from ..models import Body, Membership, Municipality, Organisation, Person, Programme
from .people import MEMBERSHIPS, PEOPLE
from .places import (
    BODIES,
    GEMEINDEN,
    MUNICIPALITIES,
    ORGANISATIONS,
    PROGRAMMES,
)


def load(stdout):
    """Create the demo directory (idempotent) and report what was new."""
    created = {
        "Kommunen": 0,
        "Organisationen": 0,
        "Gremien": 0,
        "Personen": 0,
        "Mitgliedschaften": 0,
    }
    fields = {f.slug: f for f in ActionField.objects.all()}
    for code, name, kind in GEMEINDEN:
        ensure_region(code, name, kind)
    programmes = {}
    for name, description in PROGRAMMES.items():
        programmes[name], _ = Programme.objects.get_or_create(
            name=name, defaults={"description": description}
        )

    municipalities = {}
    for key, name, code, kind, population, year, website, progs, summary in MUNICIPALITIES:
        region = Region.objects.get(code=code)
        municipality, new = Municipality.objects.get_or_create(
            region=region,
            defaults={
                "name": name,
                "slug": key,
                "kind": kind,
                "population": population,
                "population_year": year,
                "website": website,
                "summary": summary,
            },
        )
        if new:
            municipality.programmes.set([programmes[p] for p in progs])
            created["Kommunen"] += 1
        municipalities[key] = municipality

    organisations = {}
    for key, name, kind, municipality_key, description in ORGANISATIONS:
        organisations[key], new = Organisation.objects.get_or_create(
            name=name,
            municipality=municipalities[municipality_key],
            defaults={"kind": kind, "description": description},
        )
        created["Organisationen"] += new

    bodies = {}
    for key, name, kind, m_key, o_key, parent_key, founded, slugs, purpose in BODIES:
        body, new = Body.objects.get_or_create(
            name=name,
            municipality=municipalities[m_key],
            defaults={
                "kind": kind,
                "organisation": organisations[o_key],
                "parent": bodies.get(parent_key),
                "founded": founded,
                "purpose": purpose,
            },
        )
        if new:
            body.action_fields.set([fields[s] for s in slugs if s in fields])
            created["Gremien"] += 1
        bodies[key] = body

    people = {}
    for name, function, o_key, email, phone, visibility, consent, confirmed, slugs in PEOPLE:
        organisation = organisations[o_key]
        person, new = Person.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "function": function,
                "organisation": organisation,
                "municipality": organisation.municipality,
                "phone": phone,
                "visibility": visibility,
                "requested_visibility": visibility,
                "consent_given": consent is not None,
                "consent_date": consent,
                "consent_method": "Einwilligungsformular (Demo)" if consent else "",
                "last_confirmed": confirmed,
                "source": "Demo-Inhalte",
            },
        )
        if new:
            person.full_clean()
            person.action_fields.set([fields[s] for s in slugs if s in fields])
            created["Personen"] += 1
        people[email] = person

    for body_key, email, role, group, since, until in MEMBERSHIPS:
        _, new = Membership.objects.get_or_create(
            body=bodies[body_key],
            person=people[email],
            since=since,
            defaults={"role": role, "group": group, "until": until},
        )
        created["Mitgliedschaften"] += new

    stdout.write(
        "  Netzwerk: " + ", ".join(f"{count} {label} neu" for label, count in created.items())
    )
