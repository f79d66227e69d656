"""The text of documents attached to a page (a report's PDF, a project's documents, an
evaluation report) as part of that page's search text, so a word that occurs only in the file
finds the page, and the hit says „im Dokument »…«“.

Key concepts: `document_text(document)` reads a file once per version and keeps the result in
`AttachmentText` (a signature of file name, size and hash names the version), so neither a
re-index nor `rebuild_search` reads the same file twice, and no search or page view reads one
at all. A re-index after a commit (a publish in the admin) does not read a new file itself:
it indexes the page without that text and leaves the reading to the django-tasks task
`read_task` (the task worker in production), which then re-indexes the pages that carry the
file; `rebuild_search`, `check_search` and `index_object` read at once (`reading_now`). A
broken, encrypted, oversized or unknown file is logged as a warning and gives "", so indexing
goes on with the rest. `with_attachments(body, documents)` appends one section per
document behind `MARK`, a character no word contains; `best_snippet()` tells a hit which
section matched. A document in a collection with a view restriction is never read: its text
would reach everyone who may find the page. Adapters decide which files are attachments; data
tables of data reports are not (their raw figures are protected, see projects.datareports).
"""

import contextlib
import contextvars
import html
import io
import logging
import re
import zipfile

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_tasks import task

logger = logging.getLogger("search")

# Files larger than the upload limit (WAGTAILDOCS_MAX_UPLOAD_SIZE) are not opened.
MAX_FILE_BYTES = 20 * 1024 * 1024
# PDF pages read at most; the words of a report are in its first hundred pages.
MAX_PDF_PAGES = 100
# Characters of document text per page, all its documents together: about 13,000 German words.
# PostgreSQL keeps word positions in a tsvector only up to 16,383 (later words share the last
# position) and a tsvector holds at most 1 MB, so longer text would add nothing to ranking and
# could make the page's text fail to index; every hit's snippet is cut from the stored text,
# so its length is read per result page too.
TEXT_LIMIT = 100_000
MARK = "\u2398"  # ⎘ starts a document's section in a body (no word character, never a term)
SECTION = re.compile(f"\n{MARK} ([^\n]*)\n")


def _signature(document):
    file = document.file
    return f"{file.name}:{document.file_size or ''}:{document.file_hash or ''}"[:400]


def _restricted(document):
    collection = getattr(document, "collection", None)
    return collection is not None and bool(collection.get_view_restrictions())


_now = contextvars.ContextVar("search_attachments_now", default=False)


@contextlib.contextmanager
def reading_now():
    """Within this block a file not read yet is read at once (commands, not requests)."""
    token = _now.set(True)
    try:
        yield
    finally:
        _now.reset(token)


def document_text(document):
    """The text of a Wagtail document, at most TEXT_LIMIT characters ("" when unreadable or,
    outside `reading_now`, not read yet: `read_task` reads it after the commit)."""
    from .models import AttachmentText

    if document is None or _restricted(document):
        return ""
    signature = _signature(document)
    kept = AttachmentText.objects.filter(document_id=document.pk).first()
    if kept is not None and kept.signature == signature:
        return kept.text
    if not _now.get():
        pk = document.pk
        transaction.on_commit(lambda: read_task.enqueue(pk))
        return ""
    try:
        text, problem = _extract(document), ""
    except Exception as error:  # any failure of any reader must not stop indexing
        text, problem = "", str(error)[:300] or error.__class__.__name__
        logger.warning(
            "search: Text von Dokument %s (%s) nicht lesbar: %s",
            document.pk,
            document.title,
            problem,
        )
    text = _clean(text)[:TEXT_LIMIT]
    AttachmentText.objects.update_or_create(
        document_id=document.pk,
        defaults={"signature": signature, "text": text, "problem": problem},
    )
    return text


@task()
def read_task(document_pk):
    """Read a document's file (once per version) and re-index the pages that carry it."""
    from wagtail.documents import get_document_model

    document = get_document_model().objects.filter(pk=document_pk).first()
    if document is None:
        return
    with reading_now():
        document_text(document)
    renew_carriers(document)


def renew_carriers(document):
    """Re-index every page that carries `document`: Wagtail's reference index knows them, also
    where a child row (a project's document list) names the file."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    from .indexing import schedule

    ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    for page in Page.objects.filter(pk__in={int(i) for i in ids}).specific().iterator():
        schedule(page)


class Unreadable(Exception):
    """A file search does not read (the message says why, in German)."""


def _extract(document):
    name = document.file.name.lower()
    size = document.file_size or document.file.size
    if size > MAX_FILE_BYTES:
        raise Unreadable(_("Datei größer als %(mb)s MB") % {"mb": MAX_FILE_BYTES // 2**20})
    with document.file.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if name.endswith(".pdf"):
        return _pdf_text(raw)
    if name.endswith(".docx"):
        return _docx_text(raw)
    if name.endswith((".xlsx", ".csv")):
        return _table_text(raw, name)
    return ""  # other formats (zip, pptx, odt): nothing to read cheaply


def _pdf_text(raw):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw))
    if reader.is_encrypted and not reader.decrypt(""):  # many PDFs open with an empty password
        raise Unreadable(_("PDF verschlüsselt"))
    parts, length = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length >= TEXT_LIMIT:
            break
    return "\n".join(parts)


def _docx_text(raw):
    """The paragraphs of word/document.xml (read with defusedxml: no entity expansion)."""
    from defusedxml.ElementTree import fromstring

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        info = archive.getinfo("word/document.xml")
        if info.file_size > MAX_FILE_BYTES:
            raise Unreadable(
                _("Dokumentteil größer als %(mb)s MB") % {"mb": MAX_FILE_BYTES // 2**20}
            )
        root = fromstring(archive.read(info))
    word = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "\n".join(
        "".join(node.text or "" for node in paragraph.iter(f"{word}t"))
        for paragraph in root.iter(f"{word}p")
    )


def _table_text(raw, name):
    """Header and cells of a table, read by the importers' one reader with its limits."""
    from werkstatt.spreadsheets import read_table

    frame = read_table(io.BytesIO(raw), filename=name)
    lines = [" ".join(frame.columns)]
    lines += [" ".join(cell for cell in row if cell) for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def _clean(text):
    text = text.replace(MARK, " ").replace("\x00", "")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n", text).strip()


def with_attachments(body, documents):
    """`body` with a section per (label, document) whose text could be read, within TEXT_LIMIT
    for all of them together (the first documents first)."""
    parts, left = [body] if body else [], TEXT_LIMIT
    for label, document in documents:
        if left <= 0:
            break
        text = document_text(document)[:left]
        if text:
            left -= len(text)
            parts.append(f"\n{MARK} {' '.join(label.split())}\n{text}")
    return "\n".join(parts)


def sections(body):
    """[(label, text)]: the page's own text first (label ""), then each document's."""
    pieces = SECTION.split(body or "")
    result = [("", pieces[0])]
    result += [(pieces[i], pieces[i + 1]) for i in range(1, len(pieces) - 1, 2)]
    return result


def own_text(body):
    """The page's own text, without its documents' sections."""
    return sections(body)[0][1]


def best_snippet(summary, body, keywords, terms, highlight):
    """(snippet HTML, note) for a hit: a marked excerpt of the summary, else of the page's own
    text, else of the first document whose text matches („im Dokument »…«“), else of its
    keywords (action fields, target groups, tags, regions), so a hit always shows why it
    matched; ("", "") when nothing does. `highlight` is search.text.highlight."""
    snippet = highlight(summary, terms)
    if snippet:
        return snippet, ""
    parts = sections(body)
    snippet = highlight(parts[0][1], terms)
    if snippet:
        return snippet, ""
    for label, text in parts[1:]:
        snippet = _document_snippet(text, terms, highlight)
        if snippet:
            return snippet, _("im Dokument »%(title)s«") % {"title": label}
    snippet = highlight(keywords, terms, max_words=None)
    if snippet:
        return snippet, keywords_note()
    return "", ""


def keywords_note():
    """Where a snippet of the keywords comes from (both backends say it alike)."""
    return _("in der Einordnung (Handlungsfeld, Zielgruppe, Schlagwort, Region)")


SNIPPET_WINDOW = 400  # characters around a candidate place in a document's text
MAX_WINDOWS = 12  # candidate places tried per document before giving up on a snippet
_LETTER = {"a": "[aä]", "o": "[oö]", "u": "[uü]", "s": "(?:s|ß)"}  # a term's letters in a text


def _document_snippet(text, terms, highlight):
    """A marked excerpt of a document's text without analysing all of it: up to 100,000
    characters took 480 ms per hit through `highlight` (every word stemmed and split), so only
    windows around places where a term's first letters occur are analysed, first place
    first. A window without a real match (the letters inside another word) is skipped."""
    flat = (t for a in terms for t in ((a,) if isinstance(a, str) else a))  # alternatives
    keys = {term[:4] for term in flat if term}
    pattern = "|".join("".join(_LETTER.get(c, re.escape(c)) for c in key) for key in keys)
    if not pattern:
        return ""
    tried, end = 0, -1
    for found in re.finditer(pattern, text, re.IGNORECASE):
        if found.start() < end - 40:  # inside the window just analysed
            continue
        if tried == MAX_WINDOWS:
            break
        tried += 1
        start = max(0, text.rfind(" ", 0, max(0, found.start() - SNIPPET_WINDOW // 3)) + 1)
        end = start + SNIPPET_WINDOW
        snippet = highlight(text[start:end], terms)
        if snippet:
            return ("… " if start else "") + snippet.removeprefix("… ")
    return ""


def document_note(body, fragment):
    """„im Dokument »…«“ when a highlighted `fragment` of `body` (Elasticsearch's, with <mark>
    tags) lies in a document's section; "" when it lies in the page's own text."""
    plain = re.sub(r"</?mark>", "", fragment).strip(" …")
    plain = html.unescape(plain)
    for label, text in sections(body)[1:]:
        if plain and plain in " ".join(text.split()):
            return _("im Dokument »%(title)s«") % {"title": label}
    return ""


def plain_excerpt(summary, body):
    """The start of the summary, else of the page's own text (no document text), escaped."""
    from django.utils.text import Truncator

    return escape(Truncator(summary or own_text(body)).words(36))
