"""Documents of restricted pages (issue 30: /dokumente/<id>/… was 200 for anyone): a document
that only restricted pages use is served to those who may view one of them; a document that a
public page (or no page) uses stays public. One test per kind of restriction."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from wagtail.models import PageViewRestriction

from projects.factories import DocumentFactory, ReportPageFactory

pytestmark = pytest.mark.django_db


def restricted_report(section, kind, **extra):
    document = DocumentFactory(title=f"Anhang {kind}")
    report = ReportPageFactory(parent=section, title=f"Bericht {kind}", report_file=document)
    restriction = PageViewRestriction.objects.create(page=report, restriction_type=kind, **extra)
    return document, report, restriction


def fetch(client, document):
    return client.get(document.url)


def test_a_document_of_a_public_page_or_of_no_page_is_public(section):
    used = DocumentFactory(title="Öffentlicher Anhang")
    ReportPageFactory(parent=section, report_file=used)
    unused = DocumentFactory(title="Freier Download")
    assert fetch(Client(), used).status_code == 200
    assert fetch(Client(), unused).status_code == 200


def test_login_restricted_page_its_document_for_logged_in_visitors_only(section, member):
    document, _report, _r = restricted_report(section, PageViewRestriction.LOGIN)
    refused = fetch(Client(), document)
    assert refused.status_code == 302 and refused["Location"].startswith("/anmelden/?next=")
    member_client = Client()
    member_client.force_login(member)
    assert fetch(member_client, document).status_code == 200


def test_password_restricted_page_its_document_after_the_password(section):
    document, report, restriction = restricted_report(
        section, PageViewRestriction.PASSWORD, password="kennwort-123"
    )
    visitor = Client()
    refused = fetch(visitor, document)
    assert refused.status_code == 403
    assert "gehört zu einer geschützten Seite" in refused.content.decode()
    visitor.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{report.pk}/",
        {"password": "kennwort-123", "return_url": report.url},
    )
    assert fetch(visitor, document).status_code == 200


def test_group_restricted_page_its_document_for_the_group_only(section, member):
    group = Group.objects.create(name="Steuerungsgruppe")
    document, _report, restriction = restricted_report(section, PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    outsider = Client()
    outsider.force_login(member)
    assert fetch(outsider, document).status_code == 403
    insider = User.objects.create_user("gruppe", "gruppe@example.org", "x")
    insider.groups.add(group)
    client = Client()
    client.force_login(insider)
    assert fetch(client, document).status_code == 200


def test_a_document_also_used_by_a_public_page_stays_public(section):
    document, _report, _r = restricted_report(section, PageViewRestriction.LOGIN)
    ReportPageFactory(parent=section, title="Offener Bericht", report_file=document)
    assert fetch(Client(), document).status_code == 200
