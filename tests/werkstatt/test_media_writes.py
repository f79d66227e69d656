"""A full or read-only media directory (issue 30: a 500 and a partial file): a German error,
nothing left behind."""

import errno
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

pytestmark = pytest.mark.django_db

UNWRITABLE = "/sys/kernel/werkstatt-media"  # not writable, not even for root


class DiskFillsUp(ContentFile):
    """A file whose second chunk meets a full disk (ENOSPC), as a write of it would."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.4 erster Teil\n"
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_that_fails_halfway_leaves_no_partial_file(settings, tmp_path):
    from werkstatt.storage import MediaWriteError

    settings.MEDIA_ROOT = str(tmp_path)
    with pytest.raises(MediaWriteError) as failed:
        default_storage.save("documents/bericht.pdf", DiskFillsUp(b"", name="bericht.pdf"))
    assert "Der Speicherplatz für Dateien ist voll" in str(failed.value)
    assert [p for p in Path(tmp_path).rglob("*") if p.is_file()] == []


def test_an_upload_into_an_unwritable_media_directory_is_a_german_error(settings, editor, client):
    settings.MEDIA_ROOT = UNWRITABLE
    client.force_login(editor)
    upload = SimpleUploadedFile("bericht.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post("/admin/documents/add/", {"title": "Bericht", "file": upload})
    assert response.status_code == 503
    assert "Das Verzeichnis für Dateien ist nicht beschreibbar" in response.content.decode()
    assert not get_document_model().objects.filter(title="Bericht").exists()
