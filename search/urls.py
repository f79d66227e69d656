"""URLs of the search app: /suche/ and /api/v1/."""

from django.urls import path

from . import api, feeds, views

urlpatterns = [
    path("suche/", views.search_page, name="search"),
    path("suche/feed/", feeds.search_feed, name="search_feed"),
    path("api/v1/suche/", api.api_search, name="api_search"),
    path("api/v1/suche/vorschlaege/", api.api_suggest, name="api_suggest"),
    path("api/v1/schema/", api.api_schema, name="api_schema"),
]
