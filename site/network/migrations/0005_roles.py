"""The roles of README „Rollen und Rechte“: groups, permissions and the review workflow.

Page permissions of the municipality groups need the content apps' pages; `setup_roles`
(also run by `load_demo`) adds them.
"""

from django.db import migrations


def setup(apps, schema_editor):
    from network.role_setup import setup_roles

    setup_roles(registry=apps, pages=False)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_municipality_editor_group"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
