"""Where uploaded data tables live: a collection only the central team may open.

The uploaded file still holds the small counts that the page withholds, so it must never be a
public document. The central editorial team („Redaktion“) and superusers can open it; municipality
editors see their data reports' published figures, not the raw tables of any municipality.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from wagtail.models import Collection, CollectionViewRestriction

from network.roles import CENTRAL_GROUP


def root_collection():
    """Wagtail's root collection (its migrations create it)."""
    return Collection.get_first_root_node()


def private_collection():
    """The restricted collection for data tables, created with its view restriction when missing."""
    name = _("Datentabellen (nur Redaktion)")
    root = root_collection()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    central = Group.objects.filter(name=CENTRAL_GROUP).first()
    if central is not None:
        restriction.groups.add(central)
    return collection


def make_private(document):
    """Move an uploaded data table into the restricted collection."""
    collection = private_collection()
    if document.collection_id != collection.pk:
        document.collection = collection
        document.save(update_fields=["collection"])
    return document
