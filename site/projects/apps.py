from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projekte und Berichte"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import profile_sections, tool_uses
        from .search_adapters import register_all

        register_all()
        profile_sections.register()
        tool_uses.register()
