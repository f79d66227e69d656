"""Text handling shared by indexing, every backend and highlighting.

Key concepts: a text becomes index terms word by word through `search.german.word_terms`
(gender forms folded, Snowball stem without umlauts, plural endings, compound parts), the same
for every backend: SQLite's FTS5 stores the terms, PostgreSQL a `simple` tsvector of them and
Elasticsearch a whitespace-analysed field of them. So "Seniorin" meets "Seniorinnen und
Senioren", "Beirat" meets "Seniorenbeirat", "Bürgerbus" meets "Bürgerbusse" and "Buergerbus",
"Strasse" meets "Straße".

A query (`parse_query`) is an AND of its meaningful words; each word is an OR of alternatives
(the word itself, all its compound parts together, its synonyms and word family), each
alternative an AND of terms. `Query.fts5()` and `Query.tsquery()` write it for FTS5 and
PostgreSQL. When all words together find nothing, `Query.pieces()` lets a backend rank what
covers most of them instead (a compound's head and modifier count by themselves there).
"""

import html
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from werkstatt.umlauts import SPELLED_OUT

from .german import (
    MIN_PART,
    STOP_WORDS,
    compound_pieces,
    gender_marks,
    snowball_stem,
    word_family,
    word_terms,
)

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


Alternative = tuple[str, ...]  # terms that must all match
PARTIAL_BELOW = 3  # fewer hits with all words of a query of several words: partial ones follow
WIDER_WEIGHT = 0.8  # a synonym or a word of the family covers a query word nearly as well


@dataclass(frozen=True)
class Word:
    """One meaningful word of a query (or a phrase of it that a synonym stands for).

    `typed`: the word itself or all its compound parts; `wider`: synonyms and word family, which
    match too but rank after `typed` (`also`: how they are written, for „auch gesucht“);
    `parts`: (alternative, label, weight) of a compound's head and modifiers alone, matched only
    when the whole query finds nothing (partial matches)."""

    text: str
    typed: tuple[Alternative, ...] = ()
    wider: tuple[Alternative, ...] = ()
    also: tuple[str, ...] = ()
    parts: tuple[tuple[Alternative, str, float], ...] = ()

    @property
    def alternatives(self):
        return self.typed + self.wider

    def pieces(self):
        """(alternative, weight, label) of everything that covers this word, best first."""
        return [
            *((a, 1.0, self.text) for a in self.typed),
            *((a, WIDER_WEIGHT, self.text) for a in self.wider),
            *((a, weight, label) for a, label, weight in self.parts),
        ]


@dataclass(frozen=True)
class Query:
    """AND over words; a word is an OR over alternatives; an alternative is an AND of terms."""

    words: tuple[Word, ...] = ()

    def __bool__(self):
        return bool(self.words)

    @property
    def groups(self):
        return tuple(word.alternatives for word in self.words)

    @property
    def typed(self):
        return tuple(word.typed for word in self.words)

    @property
    def has_synonyms(self):
        return any(word.wider for word in self.words)

    def without_synonyms(self):
        """What was typed alone: it ranks first (a synonym widens the hits, it does not outrank
        the word that was typed)."""
        return Query(tuple(replace(word, wider=(), also=()) for word in self.words))

    @property
    def also(self):
        """Synonyms and derived words searched as well („auch gesucht: …“)."""
        return list(dict.fromkeys(label for word in self.words for label in word.also))

    def wants_partial(self, found):
        """Whether partial matches follow the `found` hits that have all words: none found,
        or fewer than PARTIAL_BELOW for a query of several words (a word or a compound's
        part left out could still find something)."""
        if len(self.words) > 1:
            return found < PARTIAL_BELOW
        return not found and any(word.parts for word in self.words)

    @property
    def terms(self):
        """Every alternative of the query once (for highlighting)."""
        return list(dict.fromkeys(a for word in self.words for a in word.alternatives))

    @property
    def partial_terms(self):
        """The same with every compound's head and modifiers alone (partial matches)."""
        return list(dict.fromkeys(a for _i, _w, query in self.pieces() for a in query.groups[0]))

    def pieces(self):
        """(word index, weight, Query of the alternatives of that weight) for partial matching:
        a document covers each word by the best piece it matches."""
        found = {}
        for index, word in enumerate(self.words):
            for alternative, weight, _label in word.pieces():
                found.setdefault((index, weight), []).append(alternative)
        return [(i, w, Query((Word("", tuple(a)),))) for (i, w), a in found.items()]

    def either(self):
        """Any piece of any word: what a partial match ranks by."""
        return Query(
            (Word("", tuple(dict.fromkeys(a for _i, _w, q in self.pieces() for a in q.groups[0]))),)
        )

    def relaxed(self, covered):
        """(words left out, query that finds the partial hits) for a document that covers word
        i with weight covered[i]: a word covered by a part stands for that part."""
        left_out, kept = [], []
        for word, weight in zip(self.words, covered, strict=True):
            if weight >= WIDER_WEIGHT:
                kept.append(word.text)
                continue
            labels = [label for _a, label, w in word.parts if w == weight]
            if labels:
                kept.append(labels[0])
                left_out += [
                    label
                    for _a, label, _w in word.parts
                    if label.lower() not in labels[0].lower() and label not in left_out
                ]
            else:
                left_out.append(word.text)
        return left_out, " ".join(kept)

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
        return ()
    parts = tuple(t for t in terms[1:] if t != terms[0])
    return ((terms[0],), parts) if parts else ((terms[0],),)


MAX_PHRASE = 4  # longest synonym phrase looked for in a query, in meaningful words


def parse_query(q, synonyms=None):
    """The `Query` of a search box text (stop words dropped unless nothing else is left).

    `synonyms` (`search.synonyms.current()`) maps the search forms of a word or phrase to the
    (terms, text) of the others of its sets: looked up after gender and number folding, for
    phrases of several query words, and for a compound's parts („Seniorenbeirat“ also finds
    „Beirat der Älteren“ when Senioren = Ältere).
    """
    table = synonyms or {}
    raw = words(q)
    meaningful = [w for w in raw if w.lower() not in STOP_WORDS] or raw
    found, start = [], 0
    while start < len(meaningful):
        for size in range(min(MAX_PHRASE, len(meaningful) - start), 0, -1):
            chunk = meaningful[start : start + size]
            word = _word(chunk, table) if size == 1 else _phrase(chunk, table)
            if word is not None:
                break
        start += size
        if word.typed and all(word.typed != other.typed for other in found):
            found.append(word)
    return Query(tuple(found))


def _key(chunk):
    return tuple(word_terms(w)[0] for w in chunk if word_terms(w))


def _phrase(chunk, table):
    """A phrase of several query words that a synonym set names, or None."""
    others = table.get(_key(chunk))
    if not others:
        return None
    typed = [()]
    for w in chunk:
        typed = [a + b for a in typed for b in word_alternatives(w)]
    typed = _simplify(tuple(tuple(dict.fromkeys(a)) for a in typed))
    return Word(
        " ".join(chunk), typed, _simplify(tuple(t for t, _ in others)), tuple(x for _, x in others)
    )


def _word(chunk, table):
    (word,) = chunk
    typed = _simplify(word_alternatives(word))
    wider, also = [], []
    for terms, text in table.get(_key(chunk), ()):
        wider.append(terms)
        also.append(text)
    for index, (part, _label, _weight) in enumerate(compound_pieces(word)):
        for terms, text in table.get((part,), ()) if len(part) >= MIN_PART else ():
            rest = [p for i, (p, _l, _w) in enumerate(compound_pieces(word)) if i != index]
            wider.append(tuple(dict.fromkeys((*terms, *rest))))
            also.append(text)
    for term, text in word_family(word):
        wider.append((term,))
        also.append(text)
    parts = tuple(
        ((term,), label, weight)
        for term, label, weight in compound_pieces(word)
        if len(label) >= MIN_PART
    )
    wider = tuple(a for a in _simplify((*typed, *wider)) if a not in typed)
    return Word(word, typed, wider, tuple(dict.fromkeys(also)), parts)


def _simplify(alternatives):
    """Drop repeated alternatives and those that contain another one (A OR (A AND B) is A)."""
    kept = []
    for alternative in sorted(dict.fromkeys(alternatives), key=len):
        if not any(set(other) <= set(alternative) for other in kept):
            kept.append(alternative)
    order = {a: i for i, a in enumerate(alternatives)}
    return tuple(sorted(kept, key=order.__getitem__))


def query_terms(q):
    """Every alternative of a query (words, compound parts), for highlighting."""
    return parse_query(q).terms


def title_key(text):
    """A title as `SearchDocument.title_sort` stores it: folded, single-spaced, at most 500."""
    return " ".join(fold(text).split())[:500]


def highlight_all(text, terms):
    """The whole text HTML-escaped with its matches in <mark>; "" when no word matches."""
    return highlight(text, terms, max_words=None)


@lru_cache(maxsize=100_000)
def _marked(word, alternatives):
    """A word is marked when it is a query word (its search form is a term of an alternative)
    or holds all terms of an alternative: „Beirat“ marks „Seniorenbeirat“, but the parts of
    „Werkstattplan“ do not mark „Zeitplan“."""
    own = word_terms(word)
    return bool(own) and any(own[0] in a or a <= set(own) for a in alternatives)


def highlight(text, terms, max_words=36):
    """An HTML-escaped excerpt of `text` around the first match, matches wrapped in <mark>.

    Returns "" when no word of the text matches; callers then show the summary instead.
    """
    if not text or not terms:
        return ""
    wanted = tuple(frozenset(alternative) for alternative in terms)
    tokens = re.split(r"(\w+)", text)  # odd positions are words, even positions the gaps
    word_positions = [i for i in range(1, len(tokens), 2)]
    hits = [i for i in word_positions if _marked(tokens[i], wanted)]
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
