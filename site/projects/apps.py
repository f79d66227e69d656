from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projekte und Berichte"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .search_adapters import register_all

        register_all()
        from search.openapi import add_paths

        from .api import openapi_paths

        add_paths(openapi_paths())
