"""URLs of the projects app (Django views beside the page tree)."""

urlpatterns = []
