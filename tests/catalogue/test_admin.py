"""Editors in the Wagtail admin: create a catalogue and tools, upload a file (check, then import), export."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Revision

from catalogue.models import CatalogueIndexPage, ToolPage
from tests.conftest import Quiet

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def upload(name, raw):
    return SimpleUploadedFile(name, raw, content_type="application/octet-stream")


def tool_form(title, slug, action_field, **fields):
    """The tool page's admin form as an editor posts it („veröffentlichen“): empty where not given."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    empty = {
        "title": title,
        "slug": slug,
        "import_id": "",
        "status": "neu",
        "primary_action_field": action_field.pk,
        "summary": "",
        "body": streamfield([]),
        "budget_lines": inline_formset([]),
        "external_advice": "",
        "years": "",
        "tool_sheets": streamfield([]),
        "also_used_in": inline_formset([]),
        "progress": inline_formset([]),
        "action-publish": "publish",
    }
    return nested_form_data({**empty, **fields})


def test_editor_creates_a_catalogue_and_a_tool(admin_client, section):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
    )

    url = reverse("wagtailadmin_pages:add", args=["catalogue", "catalogueindexpage", section.pk])
    data = nested_form_data(
        {
            "title": "Werkzeugkatalog Lüdenscheid",
            "slug": "luedenscheid",
            "intro": rich_text("<p>Unsere Werkzeuge.</p>"),
            "visions": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    catalogue = CatalogueIndexPage.objects.get(slug="luedenscheid")
    assert catalogue.live
    url = reverse("wagtailadmin_pages:add", args=["catalogue", "toolpage", catalogue.pk])
    from taxonomy.models import ActionField

    data = tool_form(
        "Seniorenbeirat stärken",
        "seniorenbeirat",
        ActionField.objects.get(slug="buergerbeteiligung-und-engagement"),
        summary="Ein starker Beirat.",
        budget_lines=inline_formset(
            [{"amount": "1500.50", "purpose": "Schulung", "funding": "Eigenmittel"}]
        ),
        years="2017 - 2019",
        progress=inline_formset([{"year": "2018", "state": "begonnen", "note": "Erste Sitzung"}]),
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    tool = ToolPage.objects.get(slug="seniorenbeirat")
    assert tool.live and tool.years == "2017;2018;2019"
    html = admin_client.get(tool.url).content.decode()
    assert "Status: </span>neu" in html and "1.500,50 €" in html
    assert '<span class="progress progress--begonnen">begonnen</span>' in html


def test_two_progress_entries_for_one_year_are_refused(admin_client, catalogue):
    from wagtail.test.utils.form_data import inline_formset

    from taxonomy.models import ActionField

    url = reverse("wagtailadmin_pages:add", args=["catalogue", "toolpage", catalogue.pk])
    data = tool_form(
        "Doppelt",
        "doppelt",
        ActionField.objects.first(),
        progress=inline_formset(
            [{"year": "2019", "state": "begonnen"}, {"year": "2019", "state": "umgesetzt"}]
        ),
        quality_status="evaluiert",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Für dieses Jahr gibt es schon einen Stand." in html
    assert "„evaluiert“ braucht einen Evaluationsbericht als Dokument." in html
    assert not ToolPage.objects.filter(slug="doppelt").exists()


def test_catalogue_header_offers_import_and_export(admin_client, catalogue):
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[catalogue.pk])
    ).content.decode()
    assert reverse("catalogue_import", args=[catalogue.pk]) in html
    assert reverse("catalogue_export", args=[catalogue.pk, "xlsx"]) in html
    html = admin_client.get(
        reverse("wagtailadmin_explore", args=[catalogue.get_parent().pk])
    ).content.decode()
    assert reverse("catalogue_import", args=[catalogue.pk]) in html


def test_upload_check_then_import(admin_client, catalogue, sample_bytes):
    url = reverse("catalogue_import", args=[catalogue.pk])
    assert "Werkzeuge importieren" in admin_client.get(url).content.decode()
    response = admin_client.post(
        url, {"file": upload("werkzeuge.csv", sample_bytes), "action": "pruefen"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Probelauf ohne Fehler" in html and "4 Werkzeuge neu anlegen" in html
    assert not ToolPage.objects.exists()
    token = html.split('name="token" value="')[1].split('"')[0]
    response = admin_client.post(url, {"token": token, "action": "importieren"})
    assert response.status_code == 302
    assert ToolPage.objects.child_of(catalogue).live().count() == 4
    followed = admin_client.get(response["Location"]).content.decode()
    assert "4 neu, 0 geändert, 0 unverändert" in followed
    # The same file again: nothing changes, no new revisions.
    revisions = Revision.objects.count()
    response = admin_client.post(
        url, {"file": upload("werkzeuge.csv", sample_bytes), "action": "importieren"}
    )
    assert response.status_code == 302
    assert Revision.objects.count() == revisions


def test_bad_upload_reports_every_row_and_writes_nothing(admin_client, catalogue, sample_bytes):
    bad = (
        sample_bytes.decode()
        .replace(";bestehend;", ";uralt;")
        .replace("Leben und Wohnen", "Raumfahrt")
    )
    url = reverse("catalogue_import", args=[catalogue.pk])
    response = admin_client.post(
        url, {"file": upload("werkzeuge.csv", bad.encode()), "action": "importieren"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Es wurde nichts importiert" in html
    assert "<td>2</td><td>Status</td>" in html and "<td>5</td><td>Status</td>" in html
    assert "<td>3</td><td>Handlungsfeld</td>" in html and "Bekannt sind: Fachkräfte" in html
    assert not ToolPage.objects.exists()


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("leer.csv", b"   ", "Die Datei ist leer"),
        ("alt.xls", b"\xd0\xcf\x11\xe0 old excel", "Das alte Excel-Format .xls"),
        ("bild.png", b"\x89PNG", "Bitte eine .xlsx- oder .csv-Datei"),
        ("kaputt.xlsx", b"PK\x03\x04 not really a zip", "konnte nicht gelesen werden"),
    ],
)
def test_unreadable_files_get_a_german_400(admin_client, catalogue, name, raw, message):
    url = reverse("catalogue_import", args=[catalogue.pk])
    response = admin_client.post(url, {"file": upload(name, raw), "action": "pruefen"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ToolPage.objects.exists()


def test_expired_token_is_a_400(admin_client, catalogue):
    url = reverse("catalogue_import", args=[catalogue.pk])
    response = admin_client.post(url, {"token": "gibt-es-nicht", "action": "importieren"})
    assert response.status_code == 400 and "abgelaufen" in response.content.decode()


def test_export_downloads_have_the_import_columns(admin_client, catalogue, sample_frame):
    from openpyxl import load_workbook

    from catalogue.importer import import_catalogue

    import_catalogue(sample_frame, catalogue)
    response = admin_client.get(reverse("catalogue_export", args=[catalogue.pk, "csv"]))
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("ID;Handlungsfeld;Werkzeug;Status;Kurzbeschreibung")
    assert any(
        line.startswith("BSP-001;Mobilität & Nahversorgung;Bürgerbus im Nordkreis;bestehend;")
        for line in lines
    )
    assert "12.000,00" in response.content.decode("utf-8-sig")
    response = admin_client.get(reverse("catalogue_export", args=[catalogue.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("ID", "Handlungsfeld", "Werkzeug", "Status")
    assert len(rows) == 5
    assert {r[2] for r in rows[1:]} == {
        "Bürgerbus im Nordkreis",
        "Wohnlotsen",
        "Runder Tisch Demografie",
        "Seniorenakademie",
    }
    assert (
        admin_client.get(reverse("catalogue_export", args=[catalogue.pk, "pdf"])).status_code == 404
    )


def test_import_and_export_need_permission(client, member, catalogue):
    client.force_login(member)
    response = client.get(reverse("catalogue_import", args=[catalogue.pk]))
    assert response.status_code in (302, 403)
    response = client.get(reverse("catalogue_export", args=[catalogue.pk, "csv"]))
    assert response.status_code in (302, 403)


def test_editor_opens_a_tool_with_tool_sheets(admin_client, site_tree):
    from catalogue.demo import load

    load(Quiet())
    tool = ToolPage.objects.get(title="Runder Tisch Demografie")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[tool.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Auftaktveranstaltung durchf" in html  # the stream data, as JSON for the editor


def test_readme_sample_into_the_demo_warns_about_existing_titles_and_creates_no_duplicates(
    admin_client, site_tree, sample_bytes
):
    """The dry run lists every row; „Wohnlotsen“ and „Runder Tisch Demografie“ exist under
    other IDs in the demo, so they are held back unless the editor confirms."""
    from catalogue.demo import load

    load(Quiet())
    catalogue = CatalogueIndexPage.objects.get(slug="werkzeugkatalog-kreis-dueren")
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[catalogue.pk]))
    url = reverse("catalogue_import", args=[catalogue.pk])
    assert f'href="{url}"' in edit.content.decode()  # a visible action on the edit page
    before = ToolPage.objects.count()

    response = admin_client.post(
        url, {"action": "pruefen", "file": upload("werkzeuge-beispiel.csv", sample_bytes)}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "2 Zeilen haben einen Titel, den es im Katalog schon unter einer anderen ID gibt." in html
    )
    rows = [
        [cell.strip() for cell in row]
        for row in re.findall(
            r'<tr class="import-row[^"]*"><td>(\d+)</td><td>([^<]+)</td><td>([^<]+)</td><td>(?:<strong>)?([^<]+)',
            html,
        )
    ]
    assert rows == [
        ["2", "Bürgerbus im Nordkreis", "BSP-001", "wird neu angelegt"],
        [
            "3",
            "Wohnlotsen",
            "BSP-002",
            "Titel gibt es schon unter der ID „DN-018“: wird nicht angelegt",
        ],
        [
            "4",
            "Runder Tisch Demografie",
            "BSP-003",
            "Titel gibt es schon unter der ID „DN-032“: wird nicht angelegt",
        ],
        ["5", "Seniorenakademie", "–", "wird geändert"],
    ]
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)

    # Import without confirming: no duplicates.
    response = admin_client.post(url, {"action": "importieren", "token": token})
    assert response.status_code == 302
    assert ToolPage.objects.count() == before + 1
    assert ToolPage.objects.filter(title="Wohnlotsen").count() == 1
    assert ToolPage.objects.filter(title="Runder Tisch Demografie").count() == 1

    # Confirmed: the editor says they are different tools.
    response = admin_client.post(
        url, {"action": "pruefen", "file": upload("werkzeuge-beispiel.csv", sample_bytes)}
    )
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    admin_client.post(url, {"action": "importieren", "token": token, "gleicher_titel": "1"})
    assert ToolPage.objects.filter(title="Wohnlotsen").count() == 2


def test_import_key_sits_in_a_collapsed_technical_panel(admin_client, catalogue):
    from catalogue.factories import ToolPageFactory

    tool = ToolPageFactory(parent=catalogue, title="Sprachcafé")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[tool.pk])).content.decode()
    assert "Technisches (Import)" in html
    assert html.index('name="import_id"') > html.index('name="title"')
    assert html.index('name="import_id"') > html.index("Technisches (Import)")


def test_swapping_two_progress_years_is_refused_in_german_not_a_500(admin_client, catalogue):
    """The database holds one entry per tool and year at every moment, and saving writes one
    entry after the other: two years swapped in one save are refused with a message."""
    from wagtail.test.utils.form_data import inline_formset

    from catalogue.models import ToolProgress
    from taxonomy.models import ActionField

    field = ActionField.objects.first()
    tool = ToolPage(title="Tausch", slug="tausch", status="neu", primary_action_field=field)
    catalogue.add_child(instance=tool)
    tool.progress = [
        ToolProgress(year=2018, state="begonnen", sort_order=0),
        ToolProgress(year=2019, state="umgesetzt", sort_order=1),
    ]
    tool.save_revision().publish()
    first, second = ToolProgress.objects.filter(tool=tool).order_by("year")

    def post(entries):
        data = tool_form(
            "Tausch",
            "tausch",
            field,
            progress=inline_formset(entries, initial=2),
            quality_status="",
        )
        return admin_client.post(reverse("wagtailadmin_pages:edit", args=[tool.pk]), data)

    swapped = post(
        [
            {"id": first.pk, "year": "2019", "state": "begonnen"},
            {"id": second.pk, "year": "2018", "state": "umgesetzt"},
        ]
    )
    assert swapped.status_code == 200
    assert "Ein anderer Eintrag hat gespeichert noch das Jahr 2019" in swapped.content.decode()
    assert list(ToolProgress.objects.filter(tool=tool).values_list("year", "state")) == [
        (2018, "begonnen"),
        (2019, "umgesetzt"),
    ]
    # moving one entry to a free year is fine
    moved = post(
        [
            {"id": first.pk, "year": "2017", "state": "begonnen"},
            {"id": second.pk, "year": "2019", "state": "umgesetzt"},
        ]
    )
    assert moved.status_code == 302
    assert sorted(ToolProgress.objects.filter(tool=tool).values_list("year", flat=True)) == [
        2017,
        2019,
    ]


def test_the_database_holds_one_progress_entry_per_tool_and_year(catalogue):
    from django.db import IntegrityError, transaction

    from catalogue.models import ToolProgress
    from taxonomy.models import ActionField

    tool = ToolPage(
        title="Einmal",
        slug="einmal",
        status="neu",
        primary_action_field=ActionField.objects.first(),
    )
    catalogue.add_child(instance=tool)
    ToolProgress.objects.create(tool=tool, year=2019, state="begonnen")
    with pytest.raises(IntegrityError), transaction.atomic():
        ToolProgress.objects.create(tool=tool, year=2019, state="umgesetzt")
    ToolProgress.objects.create(tool=tool, year=2020, state="umgesetzt")  # another year: fine
