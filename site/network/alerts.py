"""„Suche merken“: members save a search and get an e-mail with what is new (`send_alerts`).

Key concepts: a saved search keeps the search's parameters and the keys of the documents the
member already knows (`SavedSearch.seen`): those found when saving, then those mailed. A mail
lists only documents not seen before, so it does not depend on dates. Alerts search as an
anonymous visitor would (mails leave the site: no members-only contacts, no restricted pages).
Unsubscribing needs no login: every mail carries a signed link to a confirmation page.
"""

import logging
from dataclasses import replace
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.mail import EmailMessage
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tasks import task

from search.contract import PUBLIC
from search.params import ParamError, parse
from search.presentation import describe, plain_query
from search.service import search_with_fallback
from werkstatt.mail import one_line
from werkstatt.numbers import MAX_ID, NumberError, parse_int

from .models import AlertFrequency, SavedSearch

logger = logging.getLogger("werkstatt.alerts")

ALERT_SIZE = 100  # hits looked at per check (newest first)
SEEN_LIMIT = 5000
# Searches per member: each is searched when saved and at every alert run (issue 30: 300 in 58 s).
MAX_SAVED = 50
SALT = "werkstatt.alerts.unsubscribe"
DUE_AFTER = {
    AlertFrequency.DAILY: timedelta(hours=23),
    AlertFrequency.WEEKLY: timedelta(days=6, hours=23),
}


def search_request_for(query):
    """The SearchRequest of a saved query string (newest first); ParamError if it is not valid."""
    asked, _show_all = parse(QueryDict(query), viewer=PUBLIC, allow_all=False)
    return replace(asked, sort="neueste", page=1, page_size=ALERT_SIZE)


def current_hits(search_request):
    return search_with_fallback(search_request).hits


class SaveSearchForm(forms.Form):
    query = forms.CharField(max_length=2000, required=False, widget=forms.HiddenInput)
    frequency = forms.ChoiceField(
        label=_("E-Mail mit Neuem"), choices=AlertFrequency.choices, initial=AlertFrequency.WEEKLY
    )


@require_POST
@login_required
def save_search(request):
    form = SaveSearchForm(request.POST)
    try:
        if not form.is_valid():
            raise ParamError(_("Bitte wählen Sie, wie oft Sie eine E-Mail bekommen möchten."), "")
        search_request = search_request_for(form.cleaned_data["query"])
    except ParamError as error:
        return render(
            request, "network/saved_searches.html", _listing(request, error.message), status=400
        )
    query = plain_query(search_request)
    mine = SavedSearch.objects.filter(user=request.user)
    if mine.count() >= MAX_SAVED and not mine.filter(query=query).exists():
        message = _(
            "Sie haben schon %(count)s Suchen gemerkt. Bitte löschen Sie zuerst eine, die Sie "
            "nicht mehr brauchen."
        ) % {"count": MAX_SAVED}
        return render(
            request, "network/saved_searches.html", _listing(request, message), status=400
        )
    saved, created = SavedSearch.objects.update_or_create(
        user=request.user,
        query=query,
        defaults={
            "title": describe(search_request) or _("alle Inhalte"),
            "frequency": form.cleaned_data["frequency"],
        },
    )
    if created:
        saved.seen = [hit.id for hit in current_hits(search_request)]
        saved.save(update_fields=["seen"])
    messages.success(
        request,
        _("Gemerkt: Sie bekommen %(how)s eine E-Mail, wenn es zu „%(what)s“ Neues gibt.")
        % {"how": saved.get_frequency_display(), "what": saved.title},
    )
    return redirect("network:saved_searches")


def _listing(request, error=""):
    return {
        "saved_searches": SavedSearch.objects.filter(user=request.user),
        "error": error,
        "search_url": reverse("search"),
    }


@login_required
def saved_searches(request):
    """„Meine gemerkten Suchen“: list, change nothing but delete (POST with the id)."""
    if request.method == "POST":
        try:
            pk = parse_int(request.POST.get("loeschen", ""), "loeschen", 1, MAX_ID)
        except NumberError:
            pk = None
        deleted, _rows = SavedSearch.objects.filter(user=request.user, pk=pk).delete()
        if deleted:
            messages.success(request, _("Die Suche ist nicht mehr gemerkt."))
        return redirect("network:saved_searches")
    response = render(request, "network/saved_searches.html", _listing(request))
    response["Cache-Control"] = "private, no-cache"
    return response


def unsubscribe_token(saved):
    return signing.dumps(saved.pk, salt=SALT)


def unsubscribe(request, token):
    """The link in every mail: a confirmation page (GET), and the POST deletes; no login."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise Http404 from error
    saved = SavedSearch.objects.filter(pk=pk).first()
    if request.method == "POST":
        if saved is not None:
            saved.delete()
        return render(request, "network/unsubscribe.html", {"done": True})
    return render(request, "network/unsubscribe.html", {"saved": saved, "done": saved is None})


def _mail(saved, hits):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    stop = base + reverse("network:unsubscribe", args=[unsubscribe_token(saved)])
    lines = [
        _("Neu in Ihrer gemerkten Suche „%(what)s“:") % {"what": saved.title},
        "",
        *(f"– {hit.title}\n  {base}{hit.url}" for hit in hits),
        "",
        _("Alle Treffer: %(url)s") % {"url": f"{base}{reverse('search')}?{saved.query}"},
        _("Keine E-Mails mehr zu dieser Suche: %(url)s") % {"url": stop},
    ]
    message = EmailMessage(
        subject=one_line(
            _("Werkstatt: %(n)s Neues zu „%(what)s“") % {"n": len(hits), "what": saved.title}
        ),
        body="\n".join(lines),
        to=[saved.user.email],
        headers={"List-Unsubscribe": f"<{stop}>"},
    )
    message.send()


def due(now):
    for saved in SavedSearch.objects.select_related("user").filter(user__is_active=True):
        if saved.last_sent is None or now - saved.last_sent >= DUE_AFTER[saved.frequency]:
            yield saved


def send_alerts(now=None, report=lambda message: None):
    """Check every due saved search; mail what is new. Returns (checked, mailed)."""
    now = now or timezone.now()
    checked = mailed = 0
    for saved in due(now):
        checked += 1
        try:
            hits = current_hits(search_request_for(saved.query))
        except ParamError as error:  # a facet value that no longer exists
            report(_("Suche #%(id)s übersprungen: %(error)s") % {"id": saved.pk, "error": error})
            continue
        seen = set(saved.seen)
        new = [hit for hit in hits if hit.id not in seen]
        if new and saved.user.email:
            _mail(saved, new)
            mailed += 1
            saved.seen = (saved.seen + [hit.id for hit in new])[-SEEN_LIMIT:]
        saved.last_sent = now
        saved.save(update_fields=["seen", "last_sent"])
        report(_("Suche #%(id)s: %(n)s neu") % {"id": saved.pk, "n": len(new)})
    return checked, mailed


@task()
def send_alerts_task():
    """`send_alerts` as a task: cron only enqueues (`manage.py send_alerts`), the task worker
    searches and mails. Returns [checked, mailed]; each search's line goes to the log."""
    return list(send_alerts(report=logger.info))
