"""The site's one public address: `WAGTAILADMIN_BASE_URL`.

Wagtail builds absolute links from two places, the setting (admin, workflow mails) and the
default `Site` record (`root_url`: sitemap, open data, DCAT, the PDF). `setup_site` and the
demo write the setting into the record, so both say the same; `check --deploy` refuses a local
address (werkstatt.checks).
"""

from urllib.parse import urlsplit

from django.conf import settings

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver"}  # noqa: S104


def configured_host():
    """(hostname, port) of WAGTAILADMIN_BASE_URL, the form Wagtail's Site keeps."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "localhost", port


def is_local(url):
    """Whether the address names this machine instead of a public host."""
    host = (urlsplit(url).hostname or "").lower()
    return not host or host in LOCAL_HOSTS or host.endswith(".localhost")


def root_url(request=None):
    """Scheme and host of every absolute link: the root URL of the request's Wagtail site (the
    default site for an unknown host; no query for a served request, whose site
    KnownSiteMiddleware has set), or the configured address where no site exists yet."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(request, path):
    """`path` (as a page's or view's URL gives it) as an absolute link on the site address."""
    if path is None or path.startswith(("http://", "https://")):
        return path
    return root_url(request) + path
