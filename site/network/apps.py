from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Netzwerk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import permissions, profile_sections, search_adapters

        permissions.register()
        profile_sections.register()
        search_adapters.register_all()
