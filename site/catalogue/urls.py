"""URLs of the catalogue app (Django views beside the page tree)."""

urlpatterns = []
