"""Every select and chooser field of a page form (tool, project, folder) offers an editor of
another municipality none of municipality B's persons, organisations, bodies or municipalities,
and refuses one posted anyway; the central team gets all of them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

pytestmark = pytest.mark.django_db

# (page of the side, formset or None, field, the side's row it offers)
FIELDS = [
    ("tool", None, "partner_organisations", "organisation"),
    ("tool", None, "contact", "person"),
    ("project", "contacts", "person", "person"),
    ("project", "working_groups", "body", "body"),
    ("folder", None, "municipality", "municipality"),
]


def page_form(page, user):
    page = page.specific
    form_class = type(page).get_edit_handler().get_form_class()
    return form_class(instance=page, parent_page=page.get_parent(), for_user=user)


def field_of(form, formset, name):
    return (form.formsets[formset].empty_form if formset else form).fields[name]


def value(row, multiple):
    return [row.pk] if multiple else row.pk


@pytest.mark.parametrize("page_kind, formset, name, row_kind", FIELDS)
def test_editor_of_a_is_offered_and_may_save_only_own_rows(
    world, page_kind, formset, name, row_kind
):
    form = page_form(getattr(world.a, page_kind), world.users["editor_a"])
    field = field_of(form, formset, name)
    own, foreign = getattr(world.a, row_kind), getattr(world.b, row_kind)
    assert field.queryset.filter(pk=own.pk).exists()
    assert not field.queryset.filter(pk=foreign.pk).exists()
    multiple = hasattr(field, "widget") and getattr(field.widget, "allow_multiple_selected", False)
    field.clean(value(own, multiple))
    with pytest.raises(ValidationError):
        field.clean(value(foreign, multiple))


@pytest.mark.parametrize("page_kind, formset, name, row_kind", FIELDS)
def test_central_team_is_offered_every_row(world, page_kind, formset, name, row_kind):
    form = page_form(getattr(world.a, page_kind), world.users["central"])
    field = field_of(form, formset, name)
    for side in (world.a, world.b):
        assert field.queryset.filter(pk=getattr(side, row_kind).pk).exists()


def test_tool_form_multi_select_shows_no_foreign_organisation(client, world):
    """The issue's case: „Beteiligte Organisationen“ as the editor sees the form."""
    client.force_login(world.users["editor_a"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[world.a.tool.pk])).content.decode()
    assert world.a.organisation.name in html
    assert world.b.organisation.name not in html


def test_a_foreign_row_the_page_already_names_stays_choosable(world):
    """The central team linked B's organisation: A's editor can still save the tool."""
    tool = world.a.tool.specific
    tool.partner_organisations.add(world.b.organisation)
    tool.save()
    field = page_form(tool, world.users["editor_a"]).fields["partner_organisations"]
    assert field.queryset.filter(pk=world.b.organisation.pk).exists()
    field.clean([world.b.organisation.pk, world.a.organisation.pk])
