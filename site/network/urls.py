"""URLs of the network app (Django views beside the page tree)."""

urlpatterns = []
