from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = "Werkzeugkatalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .search_adapters import register_all

        register_all()
