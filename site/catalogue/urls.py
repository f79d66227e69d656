"""URLs of the catalogue app (Django views beside the page tree): the open data under /offene-daten/."""

from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("offene-daten/", views.opendata_page, name="opendata"),
    path("offene-daten/dcat.jsonld", views.opendata_dcat, name="opendata_dcat"),
    path("offene-daten/werkzeuge.<str:extension>", views.opendata_file, name="opendata_file"),
]
