"""URLs of the catalogue app (Django views beside the page tree): the open data under /offene-daten/."""

from django.urls import path

from . import api, views

app_name = "catalogue"

urlpatterns = [
    path("api/v1/werkzeuge/", api.tools, name="api_tools"),
    path("api/v1/werkzeuge/<id:pk>/", api.tool, name="api_tool"),
    path("api/v1/zukunftsbilder/", api.visions, name="api_visions"),
    path("api/v1/werkstattplaene/", api.plans, name="api_plans"),
    path("api/v1/werkstattplaene/<id:pk>/", api.plan, name="api_plan"),
    path("offene-daten/", views.opendata_page, name="opendata"),
    path("offene-daten/dcat.jsonld", views.opendata_dcat, name="opendata_dcat"),
    path("offene-daten/werkzeuge.<str:extension>", views.opendata_file, name="opendata_file"),
]
