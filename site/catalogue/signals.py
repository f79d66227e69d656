"""Measures follow their tool in search: when a page above tools moves or its view restriction
changes, the measures of every tool below it are re-indexed too (search re-indexes the pages
themselves; a measure is a plain row whose governing page is its tool)."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import post_page_move


def reindex_measures_below(page):
    from search.indexing import schedule

    from .models import Measure

    for measure in Measure.objects.filter(tool__path__startswith=page.path).iterator():
        schedule(measure)


def on_move(sender, instance, **kwargs):
    reindex_measures_below(instance)


def on_restriction(sender, instance, **kwargs):
    page = getattr(instance, "page", None)
    if page is not None:
        reindex_measures_below(page)


def connect():
    from wagtail.models import PageViewRestriction

    post_page_move.connect(on_move, dispatch_uid="catalogue.measures_move")
    post_save.connect(
        on_restriction, sender=PageViewRestriction, dispatch_uid="catalogue.measures_restriction"
    )
    post_delete.connect(
        on_restriction,
        sender=PageViewRestriction,
        dispatch_uid="catalogue.measures_restriction_deleted",
    )
