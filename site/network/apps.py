from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def setup_roles_after_migrate(sender, using, apps=None, **kwargs):
    """Every `migrate` brings groups, permissions and the workflow up to what the code says.

    Live code belongs here, not in a data migration (a migration must keep doing what it did
    when it was written). Pages are left to `setup_roles`/`load_demo`: content apps may still be
    empty. `apps` is the migrated state (Django passes it); outside migrate, the app registry.
    """
    from .role_setup import setup_roles

    setup_roles(registry=apps, pages=False)


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Netzwerk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import permissions, search_adapters

        permissions.register()
        post_migrate.connect(setup_roles_after_migrate, sender=self)
        search_adapters.register_all()
