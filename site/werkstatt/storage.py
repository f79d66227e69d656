"""Media files (documents, images): a failed write leaves no partial file and says why in German.

Key concepts: Django's FileSystemStorage writes into the final file and leaves what it wrote
when the disk fills up, and a read-only or full media directory surfaced as a 500 (issue 30).
`MediaStorage` removes the file it was writing and raises `MediaWriteError` (an OSError with a
German message); `errors.MediaWriteErrorMiddleware` answers it with a German 503 page.
"""

import contextlib
import errno
import logging
import os

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

logger = logging.getLogger("werkstatt")


class MediaWriteError(OSError):
    """A media file could not be written; the message is for the person who uploaded it."""


def reason(error):
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _(
            "Der Speicherplatz für Dateien ist voll. Die Datei wurde nicht gespeichert; bitte "
            "informieren Sie den Betrieb der Werkstatt."
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _(
            "Das Verzeichnis für Dateien ist nicht beschreibbar. Die Datei wurde nicht "
            "gespeichert; bitte informieren Sie den Betrieb der Werkstatt."
        )
    return _(
        "Die Datei konnte nicht gespeichert werden (%(reason)s); bitte informieren Sie den "
        "Betrieb der Werkstatt."
    ) % {"reason": error.strerror or type(error).__name__}


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.lexists(full_path)
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError as error:
            if not existed:  # what this call began to write (O_EXCL: it was not there before)
                with contextlib.suppress(OSError):
                    os.remove(full_path)
            logger.error("Mediendatei %s nicht gespeichert: %s", name, error)
            raise MediaWriteError(error.errno, reason(error)) from error
