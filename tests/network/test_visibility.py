"""Who sees which contact: the model rules, the queryset and the contact card."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory

from network.models import Person

from .conftest import HIDDEN_EMAIL, MEMBERS_EMAIL, NO_CONSENT_EMAIL, PUBLIC_EMAIL

pytestmark = pytest.mark.django_db


def names(queryset):
    return set(queryset.values_list("name", flat=True))


def test_anonymous_sees_only_public_contacts_with_consent(directory):
    visible = names(Person.objects.visible_to(AnonymousUser()))
    assert visible == {"Paula Offen", "Bert Bremer"}


def test_logged_in_non_member_sees_what_anonymous_sees(directory):
    outsider = User.objects.create_user("gast", "gast@example.org", "x")
    assert names(Person.objects.visible_to(outsider)) == {"Paula Offen", "Bert Bremer"}


def test_member_sees_public_and_members_only(directory, member):
    assert names(Person.objects.visible_to(member)) == {
        "Paula Offen",
        "Bert Bremer",
        "Martin Mitglied",
    }


def test_editor_sees_on_public_pages_what_a_member_sees(directory, editor):
    """Hidden and not-consented contacts are for the admin only, never the public site."""
    assert names(Person.objects.visible_to(editor)) == {
        "Paula Offen",
        "Bert Bremer",
        "Martin Mitglied",
    }


def test_instance_rule_matches_queryset(directory, member, editor):
    for user in (AnonymousUser(), member, editor):
        expected = names(Person.objects.visible_to(user))
        assert {p.name for p in Person.objects.all() if p.visible_to(user)} == expected


def test_inactive_member_is_treated_as_anonymous(directory, member):
    member.is_active = False
    member.save()
    assert not directory["members"].visible_to(member)


def test_public_without_consent_fails_validation(directory):
    with pytest.raises(ValidationError) as excinfo:
        directory["no_consent"].full_clean()
    assert "visibility" in excinfo.value.message_dict
    assert "Einwilligung" in excinfo.value.message_dict["visibility"][0]


def test_members_only_without_consent_fails_validation(directory):
    person = directory["members"]
    person.consent_given, person.consent_date = False, None
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert "visibility" in excinfo.value.message_dict


def test_consent_without_date_is_not_recorded_consent(directory, member):
    person = directory["public"]
    person.consent_date = None
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert "consent_date" in excinfo.value.message_dict
    person.save()
    assert not person.visible_to(AnonymousUser())
    assert "Paula Offen" not in names(Person.objects.visible_to(member))


def test_hidden_without_consent_is_valid(directory):
    person = directory["hidden"]
    person.consent_given, person.consent_date = False, None
    person.full_clean()


def render_card(person, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load network_tags %}{% contact_card person %}")
    return template.render(Context({"person": person, "request": request}))


def test_contact_card_shows_details_only_to_allowed_viewers(directory, member, editor):
    anonymous = AnonymousUser()
    assert PUBLIC_EMAIL in render_card(directory["public"], anonymous)
    members_card = render_card(directory["members"], anonymous)
    assert MEMBERS_EMAIL not in members_card
    assert "Martin Mitglied" not in members_card
    assert "Kontakt auf Anfrage" in members_card
    assert MEMBERS_EMAIL in render_card(directory["members"], member)
    assert HIDDEN_EMAIL not in render_card(directory["hidden"], member)
    assert HIDDEN_EMAIL not in render_card(directory["hidden"], editor)
    assert NO_CONSENT_EMAIL not in render_card(directory["no_consent"], member)


def test_contact_card_for_none_says_on_request(db):
    assert "Kontakt auf Anfrage" in render_card(None, AnonymousUser())


def test_unconfirmed_lists_people_not_confirmed_for_twelve_months(directory):
    import datetime

    person = directory["public"]
    person.last_confirmed = datetime.date.today() - datetime.timedelta(days=400)
    person.save()
    directory["members"].last_confirmed = None
    directory["members"].save()
    due = names(Person.objects.unconfirmed())
    assert due == {"Paula Offen", "Martin Mitglied"}
    assert person.is_confirmation_due
