"""/sitemap.xml and /robots.txt: what search engines may find, and only what anyone may open.

Key concepts: the page tree goes through Wagtail's sitemap app (`wagtail.contrib.sitemaps`):
live pages without any view restriction on themselves or an ancestor (`.public()`), each
asked for its URLs (`Page.get_sitemap_urls`; a page that only redirects answers none). Things
outside the page tree (the network directory) are sections a content app offers through the
Wagtail hook `SECTIONS_HOOK` (`fn()` returns {name: SiteSitemap subclass}), as werkstatt may not
import it. Every section builds its addresses on the root URL of the Wagtail site
(Einstellungen → Websites), like Wagtail's page URLs, so the sitemap names one host. The sitemap is the same for every visitor: crawlers are anonymous.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.shortcuts import render
from wagtail import hooks
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Site

SECTIONS_HOOK = "sitemap_sections"


def site_for(request):
    """The Wagtail site of this request (the default site for an unknown host)."""
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


class SiteSitemap(DjangoSitemap):
    """A section of non-page URLs, on the host and scheme of the Wagtail site's root URL."""

    def __init__(self, request=None):
        self.request = request

    def _root(self):
        return urlsplit(site_for(self.request).root_url)

    def get_protocol(self, protocol=None):
        return self._root().scheme

    def get_domain(self, site=None):
        return self._root().netloc


def sections():
    """Wagtail's page sitemap, then every section the apps offer through `SECTIONS_HOOK`."""
    found = {"seiten": WagtailSitemap}
    for hook in hooks.get_hooks(SECTIONS_HOOK):
        found.update(hook())
    return found


def sitemap(request):
    """One urlset of every section (Django's sitemap view paginates beyond 50,000 URLs)."""
    prepared = {name: section(request) for name, section in sections().items()}
    return wagtail_sitemap_views.sitemap(request, sitemaps=prepared)


def robots_txt(request):
    """robots.txt with the absolute address of the sitemap (robots.txt requires one)."""
    return render(
        request,
        "robots.txt",
        {"sitemap_url": site_for(request).root_url + "/sitemap.xml"},
        content_type="text/plain; charset=utf-8",
    )
