"""WSGI entry point for servers started in the repository root (`gunicorn wsgi`, mod_wsgi, uWSGI).

site/ is a source root, not a package: `werkstatt.wsgi` puts it on sys.path itself, this file
only makes it reachable without `--pythonpath site`.
"""

import sys
from pathlib import Path

_site = str(Path(__file__).resolve().parent / "site")
if _site not in sys.path:
    sys.path.insert(0, _site)

from werkstatt.wsgi import application  # noqa: E402

__all__ = ["application"]
