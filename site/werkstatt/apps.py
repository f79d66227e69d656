from django.apps import AppConfig


class WerkstattConfig(AppConfig):
    name = "werkstatt"
    verbose_name = "Werkstatt"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import pagecache

        pagecache.connect()
