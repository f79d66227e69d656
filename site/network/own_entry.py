"""„Mein Eintrag“: a member who is in the directory corrects their own entry or withdraws consent.

Key concepts: the entry is the `Person` whose `user` is the logged-in account (linked by the
editorial team, never guessed from an e-mail address). The member may change what describes
their work (function, e-mail, phone, action fields), may lower who sees the entry (public →
members only → hidden) and may withdraw consent, which hides the entry at once; granting consent
or more visibility stays with the editorial team. Every change
is a log entry on the person (field names only, no values) and confirms the data (today);
saving re-indexes the person after commit, so a hidden entry leaves public search then.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from .models import Person, Visibility

SELF_EDIT = "network.self_edit"
CONSENT_WITHDRAWN = "network.consent_withdrawn"


# From most to least visible: a member may move their entry down this list, never up.
LEVELS = [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.HIDDEN]


class OwnEntryForm(forms.ModelForm):
    visibility_choice = forms.ChoiceField(
        label=gettext_lazy("Wer sieht meinen Eintrag?"),
        help_text=gettext_lazy(
            "Sie können Ihren Eintrag hier weniger sichtbar machen. Mehr Sichtbarkeit "
            "vergibt die Redaktion."
        ),
        widget=forms.RadioSelect,
        required=False,
    )
    withdraw_consent = forms.BooleanField(
        label=gettext_lazy("Ich widerrufe meine Einwilligung."),
        help_text=gettext_lazy(
            "Ihr Eintrag wird sofort verborgen: weder öffentlich noch für Mitglieder sichtbar, "
            "auch nicht in der Suche. Wieder sichtbar wird er nur mit einer neuen Einwilligung "
            "über die Redaktion."
        ),
        required=False,
    )

    class Meta:
        model = Person
        fields = ["function", "email", "phone", "action_fields"]
        widgets = {
            "action_fields": forms.CheckboxSelectMultiple,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.effective_visibility
        if current == Visibility.HIDDEN:
            del self.fields["visibility_choice"]
            return
        lower = LEVELS[LEVELS.index(current) :]
        self.fields["visibility_choice"].choices = [(level, level.label) for level in lower]
        self.fields["visibility_choice"].initial = current


def save_own_entry(form, user):
    """Save the member's corrections (and a withdrawal) with log entries; returns the person."""
    with transaction.atomic():
        person = form.save(commit=False)
        own_fields = ("withdraw_consent", "visibility_choice")
        changed = [name for name in form.changed_data if name not in own_fields]
        withdrawn = form.cleaned_data["withdraw_consent"] and person.has_consent
        chosen = form.cleaned_data.get("visibility_choice")
        if chosen and chosen != person.effective_visibility:
            person.visibility = person.requested_visibility = chosen
            changed.append("visibility")
        if withdrawn:
            today = date_format(timezone.localdate(), "j. F Y")
            person.consent_given = False
            person.consent_date = None
            person.visibility = Visibility.HIDDEN
            person.requested_visibility = Visibility.HIDDEN
            person.consent_method = _("Widerrufen über „Mein Eintrag“ am %(date)s") % {
                "date": today
            }
        person.last_confirmed = timezone.localdate()
        person.save()
        form.save_m2m()
        log(person, SELF_EDIT, user=user, data={"fields": changed})
        if withdrawn:
            log(person, CONSENT_WITHDRAWN, user=user)
    return person, withdrawn


@login_required
def own_entry(request):
    person = (
        Person.objects.select_related("organisation", "municipality")
        .filter(user=request.user)
        .first()
    )
    if person is None:
        response = render(request, "network/own_entry.html", {"person": None})
    else:
        response = _edit(request, person)
    response["Cache-Control"] = "private, no-cache"
    return response


def _edit(request, person):
    status = 200
    if request.method == "POST":
        form = OwnEntryForm(request.POST, instance=person)
        if form.is_valid():
            _person, withdrawn = save_own_entry(form, request.user)
            messages.success(
                request,
                _("Sie haben Ihre Einwilligung widerrufen; Ihr Eintrag ist jetzt verborgen.")
                if withdrawn
                else _("Vielen Dank, Ihr Eintrag ist gespeichert."),
            )
            return redirect("network:own_entry")
        status = 400
    else:
        form = OwnEntryForm(instance=person)
    return render(
        request, "network/own_entry.html", {"person": person, "form": form}, status=status
    )
