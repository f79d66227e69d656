"""Text handling shared by indexing, every backend and highlighting.

Key concepts: a text becomes index terms word by word through `search.german.word_terms`
(gender forms folded, Snowball stem without umlauts, plural endings, compound parts), the same
for every backend: SQLite's FTS5 stores the terms, PostgreSQL a `simple` tsvector of them and
Elasticsearch a whitespace-analysed field of them. So "Seniorin" meets "Seniorinnen und
Senioren", "Beirat" meets "Seniorenbeirat", "Bürgerbus" meets "Bürgerbusse" and "Buergerbus",
"Strasse" meets "Straße".

A query (`parse_query`) is an AND of its meaningful words; each word is an OR of alternatives
(the word itself, all its compound parts together, its synonyms), each alternative an AND of
terms. `Query.fts5()` and `Query.tsquery()` write it for FTS5 and PostgreSQL.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from werkstatt.umlauts import SPELLED_OUT

from .german import STOP_WORDS, gender_marks, snowball_stem, word_terms

WORD = re.compile(r"\w+", re.UNICODE)


def fold(text):
    """Lower-case ASCII-ish spelling: umlauts as ae/oe/ue, ß as ss, other accents dropped.

    The PostgreSQL function `search_fold()` (migration 0002) does the same for äöüß.
    """
    text = (text or "").lower().translate(SPELLED_OUT)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def stem(word):
    """Snowball German stem of one word (lower case, umlauts and ae/oe/ue treated alike)."""
    stemmed = snowball_stem(word.lower().replace("ß", "ss"))
    decomposed = unicodedata.normalize("NFKD", stemmed)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text):
    return WORD.findall(gender_marks(text))


def stems(text):
    """Index form of a text: every word's terms (search form, then compound parts) separated
    by spaces. FTS5 stores it, PostgreSQL makes a `simple` tsvector of it."""
    return " ".join(map(_word_stems, words(text)))


@lru_cache(maxsize=200_000)
def _word_stems(word):
    """One word's terms, joined (a rebuild analyses the same few words millions of times)."""
    return " ".join(word_terms(word))


@dataclass(frozen=True)
class Query:
    """AND over groups; a group is an OR over alternatives; an alternative is an AND of terms."""

    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()
    # The same without synonyms: what ranks first (a synonym widens the hits, it does not
    # outrank the word that was typed).
    typed: tuple[tuple[tuple[str, ...], ...], ...] = ()

    def __bool__(self):
        return bool(self.groups)

    @property
    def has_synonyms(self):
        return self.groups != self.typed

    def without_synonyms(self):
        return Query(self.typed, self.typed)

    @property
    def terms(self):
        """Every term of the query once (for highlighting)."""
        seen = []
        for group in self.groups:
            for alternative in group:
                for term in alternative:
                    if term not in seen:
                        seen.append(term)
        return seen

    def fts5(self):
        return _render(self.groups, lambda t: f'"{t}"', " AND ", " OR ")

    def tsquery(self):
        return _render(self.groups, lambda t: "'" + t.replace("'", "''") + "'", " & ", " | ")


def _render(groups, quote, and_, or_):
    def alternative(terms):
        text = and_.join(quote(t) for t in terms)
        return f"({text})" if len(terms) > 1 else text

    parts = []
    for group in groups:
        text = or_.join(alternative(a) for a in group)
        parts.append(f"({text})" if len(group) > 1 else text)
    return and_.join(parts)


def word_alternatives(word):
    """The alternatives one query word stands for: its search form, or all its parts."""
    terms = word_terms(word)
    if not terms:
        return []
    found = [(terms[0],)]
    parts = tuple(t for t in terms[1:] if t != terms[0])
    if parts:
        found.append(parts)
    return found


def parse_query(q, synonyms=None):
    """The `Query` of a search box text (stop words dropped unless nothing else is left).

    `synonyms` maps a folded word or phrase to other words or phrases with the same meaning
    (`search.synonyms`); each adds an alternative to the group of the word it stands for.
    """
    raw = words(q)
    meaningful = [w for w in raw if w.lower() not in STOP_WORDS] or raw
    groups, typed = [], []
    for word in meaningful:
        own = _simplify(word_alternatives(word))
        wider = list(own)
        for phrase in (synonyms or {}).get(fold(word), ()):
            phrase_words = [w for w in words(phrase) if w.lower() not in STOP_WORDS]
            terms = tuple(dict.fromkeys(word_terms(w)[0] for w in phrase_words))
            if terms:
                wider.append(terms)
        wider = _simplify(wider)
        if own and own not in typed:
            typed.append(own)
            groups.append(wider)
    return Query(tuple(groups), tuple(typed))


def _simplify(alternatives):
    """Drop repeated alternatives and those that contain another one (A OR (A AND B) is A)."""
    kept = []
    for alternative in sorted(dict.fromkeys(alternatives), key=len):
        if not any(set(other) <= set(alternative) for other in kept):
            kept.append(alternative)
    order = {a: i for i, a in enumerate(alternatives)}
    return tuple(sorted(kept, key=order.__getitem__))


def query_terms(q):
    """Every term of a query (its words' search forms and compound parts), for highlighting."""
    return parse_query(q).terms


def title_key(text):
    """A title as `SearchDocument.title_sort` stores it: folded, single-spaced, at most 500."""
    return " ".join(fold(text).split())[:500]


def highlight_all(text, terms):
    """The whole text HTML-escaped with its matches in <mark>; "" when no word matches."""
    return highlight(text, terms, max_words=None)


def highlight(text, terms, max_words=36):
    """An HTML-escaped excerpt of `text` around the first match, matches wrapped in <mark>.

    Returns "" when no word of the text matches; callers then show the summary instead.
    """
    if not text or not terms:
        return ""
    wanted = set(terms)
    tokens = re.split(r"(\w+)", text)  # odd positions are words, even positions the gaps
    word_positions = [i for i in range(1, len(tokens), 2)]
    hits = [i for i in word_positions if not wanted.isdisjoint(word_terms(tokens[i]))]
    marked = set(hits)
    if not hits:
        return ""
    if max_words is None:  # the whole text
        start_word, end_word = 0, len(word_positions)
    else:
        first = word_positions.index(hits[0])
        start_word = max(0, first - max_words // 3)
        end_word = min(len(word_positions), start_word + max_words)
    start = word_positions[start_word] if start_word > 0 else 0
    end = word_positions[end_word - 1] + 1 if end_word < len(word_positions) else len(tokens)
    parts = []
    for i in range(start, end):
        piece = html.escape(tokens[i])
        if i in marked:
            piece = f"<mark>{piece}</mark>"
        parts.append(piece)
    excerpt = re.sub(r"\s+", " ", "".join(parts)).strip()
    prefix = "… " if start_word > 0 else ""
    suffix = " …" if end_word < len(word_positions) else ""
    return prefix + excerpt + suffix
