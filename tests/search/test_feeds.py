"""Atom feeds of searches: the anonymous hits of the same query and filters, newest first."""

import pytest
from defusedxml import ElementTree as ET
from django.test import Client

from werkstatt.siteaddress import root_url

ATOM = "{http://www.w3.org/2005/Atom}"
pytestmark = pytest.mark.django_db


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287: the feed has id, title and updated; every entry id, title, updated and a link.
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    found = feed.findall(f"{ATOM}entry")
    for entry in found:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        # On the site's address (werkstatt.siteaddress), not the host of the request.
        assert entry.find(f"{ATOM}link").get("href").startswith(root_url() + "/")
    return [
        (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}updated")[:10]) for entry in found
    ]


def test_feed_of_a_filtered_search_lists_its_public_hits_newest_first(corpus, member):
    listed = entries(
        Client().get("/suche/feed/", {"handlungsfeld": "mobilitaet-und-nahversorgung"})
    )
    assert listed == [
        ("Bürgerbus organisieren", "2023-05-10"),
        ("Sicherer Radweg zur Schule", "2022-09-01"),
        ("Dorfladen an der Straße", "2022-01-15"),
    ]
    # Members-only documents never appear, not even when a member asks.
    client = Client()
    client.force_login(member)
    everything = entries(client.get("/suche/feed/"))
    titles = [title for title, _ in everything]
    assert "Erika Beispiel" not in titles
    assert len(titles) == 6
    dated = [day for title, day in everything if title != "Wohnberatung im Quartier"]
    assert dated == sorted(dated, reverse=True)


def test_search_page_links_its_feed_and_bad_parameters_are_a_german_400(corpus):
    page = Client().get("/suche/", {"q": "Beirat", "handlungsfeld": "mobilitaet-und-nahversorgung"})
    html = page.content.decode()
    link = '<link rel="alternate" type="application/atom+xml"'
    assert link in html
    assert 'href="/suche/feed/?q=Beirat&amp;handlungsfeld=mobilitaet-und-nahversorgung"' in html
    bad = Client().get("/suche/feed/", {"seite": "²"})
    assert bad.status_code == 400
    assert "Seitenzahl" in bad.content.decode() or "Parameter" in bad.content.decode()
