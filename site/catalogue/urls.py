"""URLs of the catalogue app (Django views beside the page tree): the open data under /offene-daten/."""

from django.urls import path, register_converter

from werkstatt.numbers import IdConverter

from . import api, views

app_name = "catalogue"
register_converter(IdConverter, "page_id")  # ASCII digits within bigint, else 404

urlpatterns = [
    path("api/v1/werkzeuge/", api.tools, name="api_tools"),
    path("api/v1/werkzeuge/<page_id:pk>/", api.tool, name="api_tool"),
    path("api/v1/zukunftsbilder/", api.visions, name="api_visions"),
    path("api/v1/werkstattplaene/", api.plans, name="api_plans"),
    path("api/v1/werkstattplaene/<page_id:pk>/", api.plan, name="api_plan"),
    path("offene-daten/", views.opendata_page, name="opendata"),
    path("offene-daten/dcat.jsonld", views.opendata_dcat, name="opendata_dcat"),
    path("offene-daten/werkzeuge.<str:extension>", views.opendata_file, name="opendata_file"),
]
