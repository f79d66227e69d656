"""The text of attached documents is part of the carrying page's search text (search.attachments):
a word only in a report's PDF finds the report and the hit says where; a broken, encrypted or
oversized file costs only its own text; a file is read once per version; a replaced file
renews the page's text; a file in a restricted collection is never read."""

import io
import logging
import zipfile

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader, PdfWriter
from wagtail.models import Collection, CollectionViewRestriction

from projects.factories import DocumentFactory, ProjectPageFactory, ReportPageFactory
from projects.models import ProjectDocument
from projects.pdf import minimal_pdf
from search import attachments
from search.contract import SearchRequest
from search.indexing import index_object
from search.models import AttachmentText
from search.service import search_with_fallback

pytestmark = pytest.mark.django_db


def pdf_document(title, lines, name="bericht.pdf"):
    return DocumentFactory(title=title, file=ContentFile(minimal_pdf(title, lines), name=name))


def hits(q):
    return search_with_fallback(SearchRequest(q=q)).hits


def report_with(document, title="Sozialbericht Beispielstadt"):
    report = ReportPageFactory(title=title, year=2016, report_file=document)
    index_object(report)
    return report


def test_a_word_only_in_the_reports_pdf_finds_the_report_and_says_where(section):
    document = pdf_document("Sozialbericht 2016 (PDF)", ["Zufriedenheit nach Lebensbereichen."])
    report_with(document)
    [hit] = hits("Lebensbereichen")
    assert hit.title == "Sozialbericht Beispielstadt"
    assert hit.match_note == "im Dokument »Sozialbericht 2016 (PDF)«"
    assert "<mark>Lebensbereichen</mark>" in hit.highlight
    # a word of the page's own text is shown from the page, without a note
    [hit] = hits("Beispielstadt")
    assert hit.match_note == ""


def test_the_page_shows_where_the_match_was_found(client, section):
    report_with(pdf_document("Anhang Wohnen", ["Quartiersmanagement im Wohnumfeld."]))
    html = client.get("/suche/", {"q": "Quartiersmanagement"}).content.decode()
    assert "im Dokument »Anhang Wohnen«" in html
    assert "<mark>Quartiersmanagement</mark>" in html
    [hit] = client.get("/api/v1/suche/", {"q": "Quartiersmanagement"}).json()["hits"]
    assert hit["match_note"] == "im Dokument »Anhang Wohnen«"


def test_a_project_carries_its_documents_and_evaluation_report(section):
    project = ProjectPageFactory(
        title="Soziale Kupferstadt",
        evaluation_document=pdf_document(
            "Evaluation 2019", ["Wirkungsanalyse der Arbeitsgruppen."]
        ),
    )
    ProjectDocument.objects.create(
        page=project, document=pdf_document("Kick-off", ["Stadtteilbegehung Münsterbusch."])
    )
    project.save_revision().publish()
    index_object(project)
    [hit] = hits("Münsterbusch")
    assert hit.title == "Soziale Kupferstadt" and hit.match_note == "im Dokument »Kick-off«"
    [hit] = hits("Wirkungsanalyse")
    assert hit.match_note == "im Dokument »Evaluation 2019«"


def _encrypted_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf("Geheim", ["Tresorwort"]))))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"%PDF-1.4 kaputt", ""),
        (_encrypted_pdf(), "PDF verschlüsselt"),
    ],
    ids=["kaputt", "verschluesselt"],
)
def test_an_unreadable_file_is_a_warning_and_the_page_is_indexed(section, caplog, content, problem):
    document = DocumentFactory(title="Anhang", file=ContentFile(content, name="anhang.pdf"))
    with caplog.at_level(logging.WARNING, logger="search"):
        report_with(document, title="Pflegebericht Nordkreis")
    assert [hit.title for hit in hits("Pflegebericht")] == ["Pflegebericht Nordkreis"]
    assert hits("Tresorwort") == []
    assert any("nicht lesbar" in r.getMessage() for r in caplog.records)
    kept = AttachmentText.objects.get(document=document)
    assert kept.text == "" and kept.problem and problem in kept.problem


def test_a_file_over_the_limit_is_not_opened(section, caplog, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_FILE_BYTES", 100)
    document = pdf_document("Großer Anhang", ["Riesenwort"])
    with caplog.at_level(logging.WARNING, logger="search"):
        report_with(document, title="Großer Bericht")
    assert hits("Riesenwort") == [] and [h.title for h in hits("Großer")] == ["Großer Bericht"]
    assert "größer als" in AttachmentText.objects.get(document=document).problem


def test_text_is_limited_for_all_documents_of_a_page_together(section, monkeypatch):
    monkeypatch.setattr(attachments, "TEXT_LIMIT", 60)
    first = pdf_document("Erster", ["Okapi " + "füllt die Grenze " * 10])
    second = pdf_document("Zweiter", ["Quokka"])
    project = ProjectPageFactory(title="Begrenztes Projekt")
    ProjectDocument.objects.create(page=project, document=first, sort_order=0)
    ProjectDocument.objects.create(page=project, document=second, sort_order=1)
    project.save_revision().publish()
    data = index_object(project)
    parts = attachments.sections(data.body)
    assert [label for label, _text in parts] == ["", "Erster"]  # no room left for the second
    assert len(parts[1][1]) <= 60 and "Okapi" in parts[1][1]
    assert [h.title for h in hits("Okapi")] == ["Begrenztes Projekt"]
    assert "Quokka" not in data.body


def test_a_file_is_read_once_per_version_and_a_replaced_file_renews_the_page(
    section, django_capture_on_commit_callbacks
):
    document = pdf_document("Bericht Fassung", ["Okapi"])
    report = report_with(document)
    # kept: with the file gone from storage, indexing again still has its text
    document.file.storage.delete(document.file.name)
    index_object(report)
    assert [h.title for h in hits("Okapi")] == ["Sozialbericht Beispielstadt"]
    # the editor replaces the file (as Wagtail's edit view does): the report's text follows
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(minimal_pdf("Neu", ["Quokka"]), name="neu.pdf")
        document._set_document_file_metadata()
        document.save()
    assert hits("Okapi") == []
    assert [h.title for h in hits("Quokka")] == ["Sozialbericht Beispielstadt"]


def test_a_document_in_a_restricted_collection_is_never_read(section):
    hidden = Collection.get_first_root_node().add_child(name="Nur Redaktion")
    CollectionViewRestriction.objects.create(
        collection=hidden, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = pdf_document("Interne Notiz", ["Internwort"])
    document.collection = hidden
    document.save()
    report_with(document)
    assert hits("Internwort") == []
    assert not AttachmentText.objects.filter(document=document).exists()


def _docx(paragraphs):
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return out.getvalue()


def _xlsx(rows):
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "name, content, word",
    [
        (
            "protokoll.docx",
            _docx(["Protokoll der Sitzung", "Seniorenmitwirkung beschlossen"]),
            "Seniorenmitwirkung",
        ),
        (
            "kennzahlen.xlsx",
            _xlsx([["Ortsteil", "Angebot"], ["Atsch", "Generationencafé"]]),
            "Generationencafé",
        ),
        ("liste.csv", b"Ort;Angebot\nDonnerberg;Reparaturtreff\n", "Reparaturtreff"),
    ],
)
def test_office_documents_and_tables_are_read(section, name, content, word):
    document = DocumentFactory(title="Anlage", file=ContentFile(content, name=name))
    report_with(document)
    [hit] = hits(word)
    assert hit.match_note == "im Dokument »Anlage«"


def test_a_publish_leaves_reading_the_file_to_the_task(section, django_capture_on_commit_callbacks):
    """The re-index after a commit (a publish in the admin) indexes the page without the new
    file's text and does not read it; the task reads it and re-indexes the page."""
    document = pdf_document("Frisch hochgeladen", ["Okapi"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ReportPageFactory(title="Frischer Bericht", year=2020, report_file=document)
    for callback in callbacks:  # the commit's re-index, without running what it enqueues
        callback()
    assert [h.title for h in hits("Frischer")] == ["Frischer Bericht"]
    assert hits("Okapi") == [] and not AttachmentText.objects.filter(document=document).exists()
    with django_capture_on_commit_callbacks(execute=True):
        attachments.read_task.enqueue(document.pk)  # the worker's turn (immediate in tests)
    assert [h.title for h in hits("Okapi")] == ["Frischer Bericht"]
