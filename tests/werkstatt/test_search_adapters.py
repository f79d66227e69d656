"""The site's own content pages (Impressum, Datenschutz, Barrierefreiheit) are found as kind
„Seite“ by their text, and their view restrictions hold like those of every page kind."""

import re
from html import unescape

import pytest
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from search.contract import KINDS, MEMBERS, PUBLIC, SearchRequest
from search.models import SearchDocument
from search.registry import adapter_for
from search.service import search_with_fallback
from werkstatt.models import StandardPage
from werkstatt.search_adapters import StandardPageAdapter

pytestmark = pytest.mark.django_db


def titles(q, viewer=PUBLIC):
    return [hit.title for hit in search_with_fallback(SearchRequest(q=q, viewer=viewer)).hits]


def test_a_content_page_is_found_by_a_word_of_its_body(indexed_site_tree):
    assert isinstance(adapter_for(StandardPage), StandardPageAdapter)
    assert str(KINDS["seite"]) == "Seite"
    # „Sitzungscookie“ stands only in a paragraph of the Datenschutzerklärung's StreamField.
    response = search_with_fallback(SearchRequest(q="Sitzungscookie"))
    assert [(hit.title, hit.kind) for hit in response.hits] == [("Datenschutzerklärung", "seite")]
    assert response.hits[0].summary == "Wie wir mit personenbezogenen Daten umgehen."
    assert titles("Impressum") == ["Impressum"]


def test_the_search_description_is_the_summary_and_the_intro_stays_findable(indexed_site_tree):
    page = StandardPage.objects.get(slug="impressum")
    page.search_description = "Wer die Werkstatt betreibt."
    doc = StandardPageAdapter().to_document(page)
    assert doc.kind == "seite" and doc.summary == "Wer die Werkstatt betreibt."
    assert "Angaben gemäß § 5 DDG." in doc.body and "Verantwortlich für den Inhalt" in doc.body


def test_the_search_page_labels_the_kind(indexed_site_tree, client, page_cache_off):
    html = client.get("/suche/?q=Sitzungscookie").content.decode()
    assert '<span class="result__kind">Seite</span>' in html
    facet = re.search(r'<section class="facet facet--art"(.*?)</section>', html, re.S).group(1)
    labels = re.findall(r'<span class="facet__label">([^<]*)</span>', facet)
    assert [unescape(label) for label in labels] == ["Seite"]


def test_a_restricted_content_page_is_not_found_by_an_anonymous_visitor(
    indexed_site_tree, django_capture_on_commit_callbacks
):
    def child(title, word):
        page = StandardPage(
            title=title,
            slug=title.lower(),
            body=[("text", RichText(f"<p>Nur intern: {word} im Rathaus.</p>"))],
        )
        indexed_site_tree.add_child(instance=page)
        page.save_revision().publish()
        return page

    with django_capture_on_commit_callbacks(execute=True):
        members_only = child("Mitgliederhinweise", "Pinguinkolonie")
        secret = child("Kennwortseite", "Walrossfamilie")
        PageViewRestriction.objects.create(
            page=members_only, restriction_type=PageViewRestriction.LOGIN
        )
        PageViewRestriction.objects.create(
            page=secret, restriction_type=PageViewRestriction.PASSWORD, password="kennwort-123"
        )
    assert titles("Pinguinkolonie") == []
    assert titles("Pinguinkolonie", viewer=MEMBERS) == ["Mitgliederhinweise"]
    assert titles("Walrossfamilie", viewer=MEMBERS) == []
    assert not SearchDocument.objects.filter(title="Kennwortseite").exists()
