"""Local development: debug on, any local host."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-werkstatt")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# load_demo creates the demo accounts (werkstatt.demo.DEMO_ACCOUNTS, known password).
WERKSTATT_DEMO_ACCOUNTS = True
