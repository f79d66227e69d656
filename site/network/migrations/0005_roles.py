"""Roles used to be set up here by calling `network.role_setup` (live code in a migration).

They are now set up after every `migrate` by the post_migrate handler in `network.apps`, which
runs the current `setup_roles`; this migration stays as a node of the graph and does nothing.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_municipality_editor_group"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = []
