"""German names for Wagtail's default workflow and task.

Wagtail creates them as „Moderators approval“, so the editor's button read „In Moderators
approval einreichen“. Renamed only if still the default name (an edited name stays).
"""

from django.db import migrations

OLD = "Moderators approval"
NEW = "Freigabe durch die Redaktion"


def rename(apps, schema_editor, old=OLD, new=NEW):
    for model in ("Task", "Workflow"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("werkstatt", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
