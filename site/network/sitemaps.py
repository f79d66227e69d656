"""The network directory in /sitemap.xml: what an anonymous visitor can open under /netzwerk/.

Contacts appear only as the public sees them (`Person.objects.visible_to(AnonymousUser())`:
public and with recorded consent); members-only and hidden people never do.
"""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from werkstatt.sitemaps import SiteSitemap

from .models import Body, Municipality, Organisation, Person


class DirectoryListSitemap(SiteSitemap):
    """The directory's own list pages."""

    def items(self):
        return ["index", "people", "organisations", "bodies", "municipalities"]

    def location(self, name):
        return reverse(f"network:{name}")


class MunicipalitySitemap(SiteSitemap):
    def items(self):
        return Municipality.objects.order_by("slug")


class OrganisationSitemap(SiteSitemap):
    def items(self):
        return Organisation.objects.order_by("pk")


class BodySitemap(SiteSitemap):
    def items(self):
        return Body.objects.order_by("pk")


class PersonSitemap(SiteSitemap):
    def items(self):
        return Person.objects.visible_to(AnonymousUser()).order_by("pk")

    def lastmod(self, person):
        return person.updated_at


def sections():
    """For `werkstatt.sitemaps.SECTIONS_HOOK` (registered in wagtail_hooks)."""
    return {
        "netzwerk": DirectoryListSitemap,
        "kommunen": MunicipalitySitemap,
        "organisationen": OrganisationSitemap,
        "gremien": BodySitemap,
        "personen": PersonSitemap,
    }
