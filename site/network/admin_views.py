"""Admin views for data subject rights: JSON export and erasure with a confirmation step."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import Person
from .permissions import scoped_policy
from .privacy import erase_person, export_person
from .privacy.erase import ErasureBlocked
from .privacy.relations import person_relations
from .privacy.revisions import revisions_mentioning
from .privacy.scrub import Traces


def _person_for(user, action, pk):
    """The person, if `user` may `action` it (row scope of `permissions` included)."""
    person = get_object_or_404(Person, pk=pk)
    if not scoped_policy(Person).user_has_permission_for_instance(user, action, person):
        raise PermissionDenied
    return person


def export_view(request, pk):
    """Art. 15: everything about the person as a JSON download."""
    person = _person_for(request.user, "change", pk)
    data = export_person(person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}-auskunft.json"'
    response["Cache-Control"] = "no-store"
    return response


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Ich habe geprüft, dass diese Person gelöscht werden soll."),
        required=True,
        error_messages={"required": gettext_lazy("Bitte die Löschung ausdrücklich bestätigen.")},
    )


class EraseView(WagtailAdminTemplateMixin, FormView):
    """Art. 17: shows what will go, erases only after an explicit confirmation (POST)."""

    form_class = EraseForm
    template_name = "network/admin/person_erase.html"
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        self.person = _person_for(request.user, "delete", kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Person nach DSGVO löschen")

    def get_page_subtitle(self):
        return self.person.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_network_person:list"), "label": _("Personen")},
            {"url": "", "label": _("DSGVO-Löschung")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        references = []
        for relation in person_relations():
            count = relation.referencing(self.person).count()
            if count:
                references.append((relation.model._meta.verbose_name_plural, count))
        context.update(
            person=self.person,
            references=references,
            revision_count=revisions_mentioning(Traces.of(self.person), self.person.pk).count(),
            export_url=reverse("network_person_export", args=[self.person.pk]),
            namesakes=Person.objects.filter(name__iexact=self.person.name)
            .exclude(pk=self.person.pk)
            .count(),
        )
        return context

    def form_valid(self, form):
        try:
            report = erase_person(self.person, user=self.request.user)
        except ErasureBlocked as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        # The message names no one: messages may be kept in the session table.
        messages.success(
            self.request,
            _(
                "Person #%(id)s wurde gelöscht: %(memberships)s Mitgliedschaften, "
                "%(refs)s Verweise geleert, %(revisions)s Versionen bereinigt."
            )
            % {
                "id": report.person_id,
                "memberships": report.memberships,
                "refs": report.references_nulled + report.references_deleted,
                "revisions": report.revisions_changed,
            },
        )
        return redirect("wagtailsnippets_network_person:list")
