from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projekte und Berichte"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .search_adapters import register_all

        register_all()
