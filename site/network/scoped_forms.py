"""Selects of row-scoped models (persons, organisations, bodies, municipalities) in admin
forms: what a municipality editor may choose, as the snippet choosers offer it.

Imported by page models (their `base_form_class`), so it stays free of Wagtail's admin views.
"""

from wagtail.admin.forms import WagtailAdminPageForm

from .permissions import scoped_policy
from .roles import is_central_editor


def limit_choices(form, user, keep_current=False):
    """Every select of a row-scoped model offers only what `user` may choose; `keep_current`
    adds what the object already names (a page may link a row of another municipality that the
    central team chose: an editor saving the page must not lose it or fail on it)."""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        policy = scoped_policy(queryset.model) if queryset is not None else None
        if policy is None:
            continue
        choosable = policy.choosable(user, queryset)
        current = _current_pks(form, name) if keep_current else []
        field.queryset = choosable | queryset.filter(pk__in=current) if current else choosable


def limit_formsets(form, user, keep_current=False):
    """`limit_choices` for every inline row of `form`: the rows built already and, through the
    formset's form class, those built later (a posted new row, the empty row the "add" button
    copies; `empty_form` is made anew on each access)."""
    for formset in getattr(form, "formsets", {}).values():
        base = formset.form

        class Limited(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                limit_choices(self, user, keep_current)

        Limited.__name__ = Limited.__qualname__ = base.__name__
        formset.form = Limited
        for child in formset.forms:
            limit_choices(child, user, keep_current)


def _current_pks(form, name):
    """Primary keys the form's object holds in the field `name` (a foreign key or many)."""
    instance = getattr(form, "instance", None)
    if instance is None or instance.pk is None:
        return []
    model_field = instance._meta.get_field(name)
    if model_field.many_to_many:
        return [row.pk for row in getattr(instance, name).all()]
    value = getattr(instance, model_field.attname, None)
    return [value] if value is not None else []


class ScopedPageForm(WagtailAdminPageForm):
    """Page forms (tools, projects, folders): their selects and inline rows of persons,
    organisations, bodies and municipalities offer a municipality editor only the rows of
    their municipalities and the shared ones, like the snippet choosers (plus what the page
    already names). A pk posted from outside that choice is refused by the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or is_central_editor(user):
            return
        limit_choices(self, user, keep_current=True)
        limit_formsets(self, user, keep_current=True)
