"""The group „Mitglieder“: its users are network members and see members-only contacts."""

from django.db import migrations

MEMBERS_GROUP = "Mitglieder"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=MEMBERS_GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
