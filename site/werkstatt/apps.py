from django.apps import AppConfig


class WerkstattConfig(AppConfig):
    name = "werkstatt"
    verbose_name = "Werkstatt"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.urls import register_converter

        from . import (
            checks,  # noqa: F401  (checks register themselves)
            contentversion,
            search_adapters,
        )
        from .numbers import IdConverter

        contentversion.connect()
        search_adapters.register_all()
        # One name for every app's URLs: <id:pk> takes ASCII digits within bigint, else 404.
        register_converter(IdConverter, "id")
