"""Text handling shared by indexing, the database backends and highlighting.

Key concepts: German words are folded and stemmed the same way when a document is indexed and
when a query is parsed, so "Senioren" meets "Seniorinnen und Senioren", "Radwege" meets
"Radweg", "Strasse" meets "Straße" and "Mobilitaet" meets "Mobilität". SQLite's FTS5 stores
the Snowball stems computed here; PostgreSQL stems with its own `german` configuration over a
folded copy (`fold()` here and the SQL function `search_fold()` in the migration agree).
"""

import html
import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("german")

# Words that carry no meaning in a query ("Pflege in der Stadt" must not require "in").
_STOP_WORDS = """
    aber als am an auch auf aus bei bis da das dass dem den der des die dies diese dieser doch
    du durch ein eine einem einen einer eines er es für fuer hat hatte ich ihr im in ist ja
    kann mit nach nicht noch nur ob oder sich sie sind so über ueber um und uns vom von vor
    war was wie wir wird zu zum zur
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def fold(text):
    """Lower-case ASCII-ish spelling: umlauts as ae/oe/ue, ß as ss, other accents dropped.

    The PostgreSQL function `search_fold()` (migration 0002) does the same for äöüß.
    """
    text = (text or "").lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def stem(word):
    """Snowball German stem of one word (lower case, umlauts and ae/oe/ue treated alike)."""
    stemmed = _stemmer.stemWord(word.lower().replace("ß", "ss"))
    decomposed = unicodedata.normalize("NFKD", stemmed)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text):
    return WORD.findall(text or "")


def stems(text):
    """Index form of a text: its words' stems separated by spaces (what FTS5 stores)."""
    return " ".join(stem(w) for w in words(text))


def query_terms(q):
    """Stems of the meaningful words of a query (stop words dropped unless nothing else is left)."""
    raw = [w.lower() for w in words(q)]
    meaningful = [w for w in raw if w not in STOP_WORDS] or raw
    seen = []
    for term in (stem(w) for w in meaningful):
        if term and term not in seen:
            seen.append(term)
    return seen


def title_key(text):
    """A title as `SearchDocument.title_sort` stores it: folded, single-spaced, at most 500."""
    return " ".join(fold(text).split())[:500]


def folded_query(q):
    """The meaningful words of a query, folded, for PostgreSQL's plainto_tsquery('german', ...)."""
    raw = words(q)
    meaningful = [w for w in raw if w.lower() not in STOP_WORDS] or raw
    return " ".join(fold(w) for w in meaningful)


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
    hits = [i for i in word_positions if stem(tokens[i]) in wanted]
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
