"""URLs of the network app: /netzwerk/ directory pages and /api/v1/netzwerk/ JSON."""

from django.urls import path

from . import alerts, api, own_entry, views

app_name = "network"

urlpatterns = [
    path("netzwerk/", views.index, name="index"),
    path("netzwerk/mein-eintrag/", own_entry.own_entry, name="own_entry"),
    path("netzwerk/meine-suchen/", alerts.saved_searches, name="saved_searches"),
    path("netzwerk/meine-suchen/merken/", alerts.save_search, name="save_search"),
    path("netzwerk/suche-abbestellen/<str:token>/", alerts.unsubscribe, name="unsubscribe"),
    path("netzwerk/personen/", views.person_list, name="people"),
    path("netzwerk/personen/<id:pk>/", views.person_detail, name="person"),
    path("netzwerk/personen/<id:pk>/vcard/", views.person_vcard, name="person_vcard"),
    path("netzwerk/personen/<id:pk>/nachricht/", views.send_message, name="person_message"),
    path("netzwerk/nachricht/", views.send_message, name="message"),
    path("netzwerk/organisationen/", views.organisation_list, name="organisations"),
    path("netzwerk/organisationen/<id:pk>/", views.organisation_detail, name="organisation"),
    path("netzwerk/gremien/", views.body_list, name="bodies"),
    path("netzwerk/gremien/<id:pk>/", views.body_detail, name="body"),
    path("netzwerk/kommunen/", views.municipality_list, name="municipalities"),
    path("netzwerk/kommunen/<slug:slug>/", views.municipality_detail, name="municipality"),
    path("api/v1/netzwerk/kontakte/", api.contacts, name="api_contacts"),
    path("api/v1/netzwerk/kontakte/<id:pk>/", api.contact, name="api_contact"),
    path("api/v1/netzwerk/kommunen/", api.municipalities, name="api_municipalities"),
    path("api/v1/netzwerk/organisationen/", api.organisations, name="api_organisations"),
    path("api/v1/netzwerk/gremien/", api.bodies, name="api_bodies"),
]
