"""Synonyms editors maintain (snippet „Synonyme“), applied to the query on every backend.

Key concepts: a synonym set is a line of words or phrases with one meaning ("ÖPNV, Nahverkehr,
öffentlicher Nahverkehr"). `current()` returns folded word -> the other words and phrases of its
sets, cached per process until a set is saved or deleted. Only the query side uses them: a query
word becomes an OR of itself and its synonyms (`search.text.parse_query`), so the index never
needs rebuilding when the list changes.
"""

import threading

from django.db.models.signals import post_delete, post_save

from .text import fold, words

_cache = {}
_lock = threading.Lock()


def expand(lines):
    """folded word -> other members, from sets given as lists of words or phrases."""
    table = {}
    for members in lines:
        members = [m.strip() for m in members if m and m.strip()]
        for member in members:
            member_words = words(member)
            if len(member_words) != 1:  # phrases are expansions, not keys
                continue
            others = [m for m in members if m != member]
            table.setdefault(fold(member_words[0]), [])
            for other in others:
                if other not in table[fold(member_words[0])]:
                    table[fold(member_words[0])].append(other)
    return table


def current():
    """The synonym table of the stored sets (empty when the table is not there yet)."""
    table = _cache.get("table")
    if table is not None:
        return table
    with _lock:
        from django.db import DatabaseError

        from .models import SynonymSet

        try:
            sets = [s.members() for s in SynonymSet.objects.all()]
        except DatabaseError:
            return {}
        table = expand(sets)
        _cache["table"] = table
        return table


def forget(**kwargs):
    _cache.clear()


def connect():
    from .models import SynonymSet

    post_save.connect(forget, sender=SynonymSet, dispatch_uid="search-synonyms-save")
    post_delete.connect(forget, sender=SynonymSet, dispatch_uid="search-synonyms-delete")
