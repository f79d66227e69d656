#!/usr/bin/env python
"""Django's command-line entry point; puts site/ (a source root, not a package) on sys.path."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    root = Path(__file__).resolve().parent
    sys.path.insert(0, str(root / "site"))
    sys.path.insert(1, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkstatt.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
