"""URLs of the projects app (Django views beside the page tree): the read API /api/v1/."""

from django.urls import path

from . import api

app_name = "projects"

urlpatterns = [
    path("api/v1/projekte/", api.projects, name="api_projects"),
    path("api/v1/projekte/<id:pk>/", api.project, name="api_project"),
    path("api/v1/berichte/", api.reports, name="api_reports"),
    path("api/v1/berichte/<id:pk>/", api.report, name="api_report"),
    path("api/v1/datenberichte/", api.data_reports, name="api_data_reports"),
    path("api/v1/datenberichte/<id:pk>/", api.data_report, name="api_data_report"),
]
