"""Synonyms editors maintain (snippet „Synonyme“), applied to the query on every backend.

Key concepts: a synonym set is a line of words or phrases with one meaning ("ÖPNV, Nahverkehr,
öffentlicher Nahverkehr"). `current()` maps the search forms of each member (after gender and
number folding, stop words left out) to the (terms, text) of the other members. Only the query
side uses them (`search.text.parse_query`), so no index needs rebuilding when the list changes.
The table is kept per process under the content version (`werkstatt.contentversion`, which
every saved set renews in the shared cache), so an editor's change reaches every worker at
once without a query per search; when the cache cannot be read, the sets are read each time.
"""

import threading

from django.db import DatabaseError

from werkstatt import contentversion

from .german import STOP_WORDS, word_terms
from .text import words

_cache = {}
_lock = threading.Lock()


def _terms(member):
    return tuple(
        dict.fromkeys(
            word_terms(w)[0] for w in words(member) if w.lower() not in STOP_WORDS and word_terms(w)
        )
    )


def expand(lines):
    """search forms of a member -> [(terms, text)] of the other members, from sets given as
    lists of words or phrases."""
    table = {}
    for members in lines:
        members = {_terms(m): m.strip() for m in members if m and m.strip() and _terms(m)}
        for key in members:
            others = table.setdefault(key, [])
            others += [(t, m) for t, m in members.items() if t != key and (t, m) not in others]
    return table


def current():
    """The synonym table of the stored sets, read again when the content version moved (empty
    when the table is not there yet)."""
    from .models import SynonymSet  # models are ready only after the apps loaded

    version = contentversion.current()
    if version is not None and _cache.get("version") == version:
        return _cache["table"]
    try:
        with _lock:
            table = expand(s.members() for s in SynonymSet.objects.all())
    except DatabaseError:
        return {}
    _cache.update(version=version, table=table)
    contentversion.note_stored()  # a change inside the current transaction renews at once
    return table
