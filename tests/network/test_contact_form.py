"""„Nachricht senden“: reach a contact whose details are not public, through the site."""

import re
import time

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client

from network.contact import SALT
from network.models import ContactMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def form_data(**extra):
    """A form as a person fills it: the timestamp signed a minute ago, the honeypot empty."""
    data = {
        "sender_name": "Erika Fragend",
        "sender_email": "erika@example.net",
        "message": "Wie haben Sie den Bürgerbus finanziert?",
        "website": "",
        "started": signing.dumps(int(time.time()) - 60, salt=SALT),
        "seite": "/werkzeuge/katalog/buergerbus/",
    }
    data.update(extra)
    return data


def test_members_only_contact_gets_the_message_without_the_sender_seeing_the_address(
    client, directory
):
    person = directory["members"]
    url = f"/netzwerk/personen/{person.pk}/nachricht/"
    page = client.get(url + "?seite=/werkzeuge/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Nachricht senden</h1>" in html
    assert person.email not in html and person.name not in html
    response = client.post(url, form_data())
    assert response.status_code == 302 and response["Location"] == url + "?gesendet=1"
    assert (
        "Danke, Ihre Nachricht ist angekommen" in client.get(response["Location"]).content.decode()
    )
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [person.email] and sent.reply_to == ["erika@example.net"]
    assert "Wie haben Sie den Bürgerbus finanziert?" in sent.body
    stored = ContactMessage.objects.get()
    assert stored.person == person and stored.recipient_kind == "person" and stored.delivered
    assert stored.page == "/werkzeuge/katalog/buergerbus/"


def test_hidden_contact_and_no_contact_go_to_the_central_editors(client, directory, site_tree):
    client.post(f"/netzwerk/personen/{directory['hidden'].pk}/nachricht/", form_data())
    client.post("/netzwerk/nachricht/", form_data(message="Eine Barriere auf der Startseite."))
    assert [m.to for m in mail.outbox] == [["feedback@werkstatt.example.org"]] * 2
    assert directory["hidden"].email not in mail.outbox[0].body
    assert set(ContactMessage.objects.values_list("recipient_kind", flat=True)) == {"redaktion"}


def test_spam_protection_honeypot_and_timing_without_third_parties(client, directory):
    url = f"/netzwerk/personen/{directory['members'].pk}/nachricht/"
    trap = client.post(url, form_data(website="http://spam.example"))
    assert trap.status_code == 400 and "als Spam erkannt" in trap.content.decode()
    fast = client.post(url, form_data(started=signing.dumps(int(time.time()), salt=SALT)))
    assert fast.status_code == 400 and "Das ging sehr schnell" in fast.content.decode()
    forged = client.post(url, form_data(started="123"))
    assert forged.status_code == 400 and "Seite neu" in forged.content.decode()
    assert not mail.outbox and not ContactMessage.objects.exists()
    html = client.get(url).content.decode()
    assert 'class="contact-form__trap" aria-hidden="true"' in html
    assert "http://" not in re.sub(r'href="http://testserver[^"]*"', "", html).split("<main")[1]


def test_rate_limit_answers_429_in_german(client, directory):
    url = f"/netzwerk/personen/{directory['members'].pk}/nachricht/"
    for _ in range(5):
        assert client.post(url, form_data()).status_code == 302
    response = client.post(url, form_data())
    assert response.status_code == 429
    assert "in der letzten Stunde schon mehrere Nachrichten" in response.content.decode()
    assert len(mail.outbox) == 5


@pytest.fixture
def redis_down(settings):
    """The cache as production configures it (failures are misses), on a port nobody serves."""
    from werkstatt.settings.base import redis_cache

    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:9/0")}  # discard port


def test_the_limit_holds_when_the_cache_is_down(client, directory, redis_down):
    """Issue 30: with Redis down, 20 of 20 messages were accepted and mailed."""
    url = f"/netzwerk/personen/{directory['members'].pk}/nachricht/"
    statuses = [client.post(url, form_data()).status_code for _ in range(7)]
    assert statuses == [302] * 5 + [429] * 2
    assert len(mail.outbox) == 5
    # another client still may write
    assert Client(REMOTE_ADDR="198.51.100.77").post(url, form_data()).status_code == 302


def test_unknown_person_is_404_and_foreign_return_page_is_dropped(client, directory):
    assert client.get("/netzwerk/personen/999999/nachricht/").status_code == 404
    client.post("/netzwerk/nachricht/", form_data(seite="https://evil.example/"))
    assert ContactMessage.objects.get().page == ""


def test_contact_card_offers_the_form_where_details_are_not_public(client, directory, site_tree):
    from catalogue.factories import ToolPageFactory

    tool = ToolPageFactory(title="Seniorenbeirat stärken", contact=directory["members"])
    html = client.get(tool.url).content.decode()
    assert "Kontakt auf Anfrage" in html
    link = f'href="/netzwerk/personen/{directory["members"].pk}/nachricht/?seite='
    assert link in html
    assert directory["members"].email not in html


def test_central_editors_read_the_messages_in_the_admin(directory):
    from django.contrib.auth.models import Group, User

    from network.roles import CENTRAL_GROUP

    ContactMessage.objects.create(
        sender_name="Erika Fragend",
        sender_email="erika@example.net",
        message="Frage",
        recipient_kind="redaktion",
        delivered=True,
    )
    central = User.objects.create_user("zentral", password="x", is_staff=True)
    group, _ = Group.objects.get_or_create(name=CENTRAL_GROUP)
    central.groups.add(group)
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="access_admin"))
    local = User.objects.create_user("lokal", password="x", is_staff=True)
    local_group = Group.objects.create(name="Redaktion Lüdenscheid")
    local_group.permissions.add(Permission.objects.get(codename="access_admin"))
    local.groups.add(local_group)
    url = "/admin/snippets/network/contactmessage/"
    client = Client()
    client.force_login(central)
    html = client.get(url).content.decode()
    assert "Erika Fragend" in html and ">ja<" in re.sub(r"\s+", "", html).replace("<td>", ">")
    client.force_login(local)
    assert client.get(url).status_code in (302, 403)


def test_a_line_break_in_the_senders_name_is_one_line_in_the_mail(client, directory):
    """Issue 30: „Eva\\r\\nBcc: …“ as the name gave a 500 and a stored, never sent message."""
    person = directory["members"]
    name = "Eva Muster\r\nBcc: opfer@example.org\u2028X-Extra: 1"
    response = client.post(
        f"/netzwerk/personen/{person.pk}/nachricht/", form_data(sender_name=name)
    )
    assert response.status_code == 302
    sent = mail.outbox[0]
    assert sent.subject == "Werkstatt: Nachricht von Eva Muster Bcc: opfer@example.org X-Extra: 1"
    assert sent.bcc == [] and "X-Extra" not in sent.extra_headers
    sent.message()  # builds: no header with a line break
    stored = ContactMessage.objects.get()
    assert stored.delivered and stored.sender_name == "Eva Muster Bcc: opfer@example.org X-Extra: 1"
