"""The catalogue's section on a municipality profile page of the network directory."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from catalogue.demo import load
from catalogue.models import ToolPage
from catalogue.profile import CatalogueProfileSection
from tests.conftest import Quiet

pytestmark = pytest.mark.django_db


def test_profile_lists_catalogue_plans_and_tools_of_the_region(client, site_tree):
    from network.factories import MunicipalityFactory, gemeinde

    load(Quiet())
    heimbach = MunicipalityFactory(
        name="Heimbach", slug="heimbach", region=gemeinde("05358012", "Heimbach")
    )
    items = CatalogueProfileSection().get_items(heimbach, anonymous_request())
    titles = [item["page"].title for item in items]
    assert (
        titles[0] == "Werkzeugkatalog Kreis Düren"
    )  # the Kreis catalogue counts for its Gemeinden
    assert "Bürgerbus Rureifel" in titles and "Dorfladen als Genossenschaft" in titles
    assert "Sprachcafé" not in titles  # located in Düren (Stadt)
    response = client.get(heimbach.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Werkzeuge und Werkstattpläne" in html
    assert ToolPage.objects.get(title="Bürgerbus Rureifel").url in html
    assert "Status: </span>bestehend" in html


def test_also_used_in_reaches_the_other_municipality(site_tree):
    from network.factories import MunicipalityFactory, gemeinde

    load(Quiet())
    stolberg = MunicipalityFactory(
        name="Stolberg", slug="stolberg", region=gemeinde("05334032", "Stolberg (Rhld.)")
    )
    titles = [
        item["page"].title
        for item in CatalogueProfileSection().get_items(stolberg, anonymous_request())
    ]
    assert titles == ["Bürgerbus Rureifel"]


def anonymous_request():
    request = RequestFactory().get("/netzwerk/kommunen/")
    request.user = AnonymousUser()
    return request
