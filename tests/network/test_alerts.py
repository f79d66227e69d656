"""„Suche merken“: a member saves a search; `send_alerts` mails only what is new and public."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from network.alerts import send_alerts
from network.models import Person, SavedSearch
from network.privacy import erase_person, export_person
from search.indexing import to_document_data, write_documents
from search.registry import IndexDocument

pytestmark = pytest.mark.django_db

MOBILITY = "handlungsfeld=mobilitaet-und-nahversorgung"


def add_document(key, title, visibility="public"):
    document = IndexDocument(
        kind="werkzeug",
        title=title,
        url=f"/werkzeuge/{key}/",
        summary="Neu im Katalog.",
        date=datetime.date(2019, 1, 1),  # an old content date: "new" does not depend on it
        facets={"handlungsfeld": ["mobilitaet-und-nahversorgung"]},
        visibility=visibility,
    )
    write_documents([to_document_data(f"test.doc:{key}", document)])


def save(client, query=MOBILITY, frequency="weekly"):
    return client.post("/netzwerk/meine-suchen/merken/", {"query": query, "frequency": frequency})


def run_alerts(days_later):
    out = io.StringIO()
    later = timezone.now() + datetime.timedelta(days=days_later)
    return send_alerts(now=later, report=out.write), out.getvalue()


def test_only_logged_in_visitors_see_the_form_and_saving_remembers_the_hits(corpus, member_client):
    assert "Suche merken" not in Client().get(f"/suche/?{MOBILITY}").content.decode()
    page = member_client.get(f"/suche/?{MOBILITY}").content.decode()
    assert 'action="/netzwerk/meine-suchen/merken/"' in page and "Suche merken" in page
    response = save(member_client)
    assert response.status_code == 302 and response["Location"] == "/netzwerk/meine-suchen/"
    saved = SavedSearch.objects.get()
    assert saved.query == MOBILITY and saved.frequency == "weekly"
    assert saved.title == "Handlungsfeld: mobilitaet-und-nahversorgung"
    assert len(saved.seen) == 3  # the three mobility documents known today
    listing = member_client.get("/netzwerk/meine-suchen/").content.decode()
    assert "Gemerkt: Sie bekommen wöchentlich eine E-Mail" in listing
    assert f'href="/suche/?{MOBILITY}"' in listing
    # Saving the same search again changes the frequency, not the list of known hits.
    save(member_client, frequency="daily")
    assert SavedSearch.objects.get().frequency == "daily"


def test_alert_mails_only_new_public_documents_once(corpus, member_client):
    save(member_client)
    (checked, mailed), _log = run_alerts(days_later=8)
    assert (checked, mailed) == (1, 0) and mail.outbox == []  # nothing new yet
    add_document("rufbus", "Rufbus für die Dörfer")
    add_document("fahrdienst", "Fahrdienst der Mitglieder", visibility="members")
    add_document("schulweg", "Schulwegplan")
    (checked, mailed), _log = run_alerts(days_later=16)
    assert (checked, mailed) == (1, 1)
    (message,) = mail.outbox
    assert message.to == ["mitglied@example.org"]
    assert "Rufbus für die Dörfer" in message.body and "Schulwegplan" in message.body
    assert "Fahrdienst der Mitglieder" not in message.body  # mails leave the site: public only
    assert "Bürgerbus organisieren" not in message.body  # known when the search was saved
    assert "http://testserver/werkzeuge/rufbus/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/netzwerk/")
    (checked, mailed), _log = run_alerts(days_later=24)
    assert mailed == 0 and len(mail.outbox) == 1  # already mailed: not again


def test_weekly_searches_are_not_due_after_one_day_daily_ones_are(corpus, member_client):
    save(member_client, frequency="weekly")
    save(member_client, query="q=Beirat", frequency="daily")
    run_alerts(days_later=0)
    (checked, _mailed), _log = run_alerts(days_later=1)
    assert checked == 1  # only the daily one


def test_unsubscribe_without_login_from_the_mail_link(corpus, member_client):
    save(member_client)
    add_document("rufbus", "Rufbus für die Dörfer")
    run_alerts(days_later=8)
    link = re.search(r"http://testserver(/netzwerk/suche-abbestellen/\S+/)", mail.outbox[0].body)
    stranger = Client(enforce_csrf_checks=True)
    page = stranger.get(link.group(1))
    assert page.status_code == 200 and "Ja, abbestellen" in page.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    done = stranger.post(link.group(1), {"csrfmiddlewaretoken": token.group(1)})
    assert "keine E-Mails mehr" in done.content.decode()
    assert not SavedSearch.objects.exists()
    assert Client().get("/netzwerk/suche-abbestellen/gefaelscht/").status_code == 404


def test_bad_searches_are_refused_in_german(corpus, member_client):
    response = save(member_client, query="handlungsfeld=gibt-es-nicht")
    assert response.status_code == 400
    assert "Unbekannter Wert „gibt-es-nicht“" in response.content.decode()
    assert not SavedSearch.objects.exists()
    assert Client().post("/netzwerk/meine-suchen/merken/", {"query": MOBILITY}).status_code == 302
    assert not SavedSearch.objects.exists()  # anonymous: sent to the login, nothing saved


def test_saved_searches_are_in_the_dsgvo_export_and_erased_with_the_person(
    corpus, member, member_client
):
    person = Person.objects.create(name="Paula Offen", email="p@example.org", user=member)
    save(member_client)
    exported = export_person(person)
    assert [s["query"] for s in exported["saved_searches"]] == [MOBILITY]
    report = erase_person(person)
    assert report.saved_searches == 1
    assert not SavedSearch.objects.exists()


def test_send_alerts_command_reports_what_it_did(corpus, member_client):
    save(member_client)
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    assert "1 gemerkte Suche(n) geprüft, 0 E-Mail(s) gesendet." in out.getvalue()


def test_a_line_break_in_the_saved_query_is_one_line_in_the_subject(corpus, member_client):
    save(member_client, query=f"{MOBILITY}&q=Bus%0D%0ABcc:%20x@example.org")
    saved = SavedSearch.objects.get()
    add_document("neu-zeile", "Rufbus im Kreis")
    SavedSearch.objects.filter(pk=saved.pk).update(seen=[])
    run_alerts(days_later=8)
    sent = mail.outbox[-1]
    sent.message()  # builds: no header with a line break
    assert "\n" not in sent.subject and "\r" not in sent.subject and "Bcc" in sent.subject


def test_a_member_saves_at_most_fifty_searches(corpus, member, member_client):
    """Issue 30: 300 saved searches in 58 s, each one searched now and at every alert run."""
    SavedSearch.objects.bulk_create(
        SavedSearch(user=member, query=f"q=Wort{n}", title=f"Wort{n}") for n in range(50)
    )
    refused = save(member_client, query="q=Noch+eins")
    assert refused.status_code == 400
    assert "Sie haben schon 50 Suchen gemerkt" in refused.content.decode()
    assert SavedSearch.objects.filter(user=member).count() == 50
    # changing how often one of them is mailed still works
    assert save(member_client, query="q=Wort3", frequency="daily").status_code == 302
    assert SavedSearch.objects.get(user=member, query="q=Wort3").frequency == "daily"
