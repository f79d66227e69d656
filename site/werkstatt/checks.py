"""Deployment checks of our own (`manage.py check --deploy`): what Django's checks let pass."""

from django.conf import settings
from django.core import checks

from .siteaddress import is_local

# The SECRET_KEY line of .env.example and the keys of the dev and test settings: a site that
# runs with one of them runs with a key everyone can read.
KNOWN_KEYS = {
    "change-me-to-a-long-random-string-of-at-least-50-characters",
    "dev-only-not-secret-werkstatt",
    "test-only-not-secret",
}


@checks.register(checks.Tags.security, deploy=True)
def check_site_setup(app_configs=None, **kwargs):
    errors = []
    if settings.SECRET_KEY in KNOWN_KEYS:
        errors.append(
            checks.Error(
                "SECRET_KEY ist der Platzhalter aus .env.example oder der Entwicklungsschlüssel.",
                hint="Einen eigenen zufälligen Schlüssel setzen, z. B. mit "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
                id="werkstatt.E001",
            )
        )
    if is_local(settings.WAGTAILADMIN_BASE_URL):
        errors.append(
            checks.Error(
                f"WAGTAILADMIN_BASE_URL ist eine lokale Adresse ({settings.WAGTAILADMIN_BASE_URL}): "
                "Links in E-Mails, Feeds, offenen Daten und PDF würden dorthin zeigen.",
                hint="Die öffentliche Adresse setzen, z. B. https://werkstatt.example.org, und "
                "danach manage.py setup_site ausführen.",
                id="werkstatt.E002",
            )
        )
    return errors
