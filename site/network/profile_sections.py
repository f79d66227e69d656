"""The network's own parts of a municipality profile: organisations, bodies, contacts."""

from django.utils.translation import gettext_lazy as _

from .profile import Section


class OrganisationSection(Section):
    def get_items(self, municipality, request):
        return list(municipality.organisations.order_by("name"))


class BodySection(Section):
    def get_items(self, municipality, request):
        return list(municipality.bodies.order_by("name"))


class ContactSection(Section):
    def get_items(self, municipality, request):
        from .models import Person

        return list(
            Person.objects.visible_to(request.user)
            .filter(municipality=municipality)
            .select_related("organisation")
            .order_by("name")[:50]
        )


def sections():
    """For `network.profile.SECTIONS_HOOK` (registered in wagtail_hooks)."""
    return [
        OrganisationSection(
            title=_("Organisationen"),
            order=500,
            key="network.organisations",
            template_name="network/includes/profile_organisations.html",
        ),
        BodySection(
            title=_("Gremien"),
            order=510,
            key="network.bodies",
            template_name="network/includes/profile_bodies.html",
        ),
        ContactSection(
            title=_("Ansprechpersonen"),
            order=5,  # first: who to ask is what visitors of a profile come for
            key="network.contacts",
            template_name="network/includes/profile_contacts.html",
        ),
    ]
