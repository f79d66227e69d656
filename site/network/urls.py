"""URLs of the network app: /netzwerk/ directory pages and /api/v1/netzwerk/ JSON."""

from django.urls import path

from . import api, views

app_name = "network"

urlpatterns = [
    path("netzwerk/", views.index, name="index"),
    path("netzwerk/personen/", views.person_list, name="people"),
    path("netzwerk/personen/<int:pk>/", views.person_detail, name="person"),
    path("netzwerk/personen/<int:pk>/vcard/", views.person_vcard, name="person_vcard"),
    path("netzwerk/personen/<int:pk>/nachricht/", views.send_message, name="person_message"),
    path("netzwerk/nachricht/", views.send_message, name="message"),
    path("netzwerk/organisationen/", views.organisation_list, name="organisations"),
    path("netzwerk/organisationen/<int:pk>/", views.organisation_detail, name="organisation"),
    path("netzwerk/gremien/", views.body_list, name="bodies"),
    path("netzwerk/gremien/<int:pk>/", views.body_detail, name="body"),
    path("netzwerk/kommunen/", views.municipality_list, name="municipalities"),
    path("netzwerk/kommunen/<slug:slug>/", views.municipality_detail, name="municipality"),
    path("api/v1/netzwerk/kontakte/", api.contacts, name="api_contacts"),
    path("api/v1/netzwerk/kontakte/<int:pk>/", api.contact, name="api_contact"),
    path("api/v1/netzwerk/kommunen/", api.municipalities, name="api_municipalities"),
]
