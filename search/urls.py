"""URLs of the search app: /suche/ and /api/v1/."""

urlpatterns = []
