"""German word analysis shared by every backend: gender and number forms, compounds, stems.

Key concepts:

* One function, `word_terms(word)`, turns a word into its index terms: the search form of the
  whole word first, then the search forms of its compound parts ("Seniorenbeirat" ->
  seniorenbeirat, senior, beirat). Index and query use the same function; the query side keeps
  the whole word OR all its parts (see `search.text.parse_query`), so a head ("Beirat") finds
  the compound and a whole compound ranks its exact matches first (they match more terms).
* Search form: lower case, gender forms folded to one ("Seniorin", "Seniorinnen",
  "Nutzer:innen", "NutzerInnen" -> the base word), Snowball German stem without umlauts, then
  plural endings Snowball leaves apart ("Bürgerbusse"/"Bürgerbus", "Gremien"/"Gremium",
  "Themen"/"Thema", "Kitas"/"Kita").
* Compounds are split against the German word list of `wordfreq` (frequencies from Wikipedia,
  subtitles, news, books and the web; Apache-2.0 code, CC BY-SA 4.0 data) by the frequency
  method of Koehn and Knight (2003): a split must cover the whole word with known words (linking
  "s", "es", "n", "en", "e", "er" allowed between parts), and it is taken only when its parts
  are on average more frequent than the whole word. Parts are at least 4 letters (3 for very
  common words such as "Bus" or "Weg"), never a stop word, so "Beruf" never yields "ruf",
  "Bewegung" never "weg" and "Teilnahme" never "nah": no fragment matches on its own.

Why wordfreq: it is maintained data in a pip package (no system package, no download at run
time), covers 600,000 German word forms with frequencies, which is what a frequency-based
splitter needs. `compound-split` (CharSplit) is a 185 MB n-gram model that always proposes a
split (Termin -> "Ter" + "Min"), `simplemma` lemmatises but does not split compounds, and
`charsplit-fst` needs Python 3.12. A hunspell dictionary would need a system package and a
hunspell binding for what is a word-list lookup here.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

# Snowball's pure-Python stemmer keeps its working string in the instance: one shared by threads
# (the PostgreSQL rebuild stems in several) returns other words' stems or raises IndexError.
_local = threading.local()


def snowball_stem(word):
    """Snowball German stem with this thread's own stemmer."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("german")
    return stemmer.stemWord(word)


# Words that carry no meaning in a query ("Pflege in der Stadt" must not require "in").
_STOP_WORDS = """
    aber als am an auch auf aus bei bis da das dass dem den der des die dies diese dieser doch
    du durch ein eine einem einen einer eines er es für fuer hat hatte ich ihr im in ist ja
    kann mit nach nicht noch nur ob oder sich sie sind so über ueber um und uns vom von vor
    war was wie wir wird zu zum zur
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

MIN_COMPOUND = 6  # shorter words are not split
MIN_PART = 4  # shortest compound part ...
MIN_SHORT_PART = 3  # ... unless it is a very common word (Bus, Weg, Rad)
PART_ZIPF = 2.6  # a part must be at least this common (Zipf scale: 3 = once per million words)
SHORT_PART_ZIPF = 4.3
HEAD_WEIGHT, MODIFIER_WEIGHT = 0.6, 0.3  # a compound's parts alone, by meaning
MIN_VERB_STEM = 5  # a modifier found through its infinitive ("mitfahr" + "en")
VERB_ZIPF = 3.0
VOWELS = "aeiouäöüy"
NOUN_HEAD_ZIPF = 3.5
LINKS = ("es", "en", "er", "s", "n", "e")  # Fugenelemente, longest first
# Not parts even when common: prefixes, function words, fragments that are words only by accident.
_NOT_PARTS = """
    ab aller alle ander andere anders dar ent ers ges her hin ihn los mal man mehr nie ohne sei
    selbst sehr ung unter ver zer wer wen wem habe haben hab sein seine werden
    schaft heit keit lich isch chen lein tum nis innen inne nen erin rin rinne rinnen
"""  # the last line: suffixes and gender endings that happen to be words
NOT_PARTS = STOP_WORDS | frozenset(_NOT_PARTS.split())

# Gender forms written into one word: Nutzer:innen, Nutzer*innen, Nutzer_innen, Nutzer/innen,
# Nutzer/-innen, NutzerInnen (and the singular forms with "in"/"In").
_GENDER_MARK = re.compile(r"(?<=[a-zäöüß])(?:[*:_/]-?|/-|(?=In))[Ii]n(?:nen)?\b")
# Feminine words that the word list confirms are not needed in this list; these are words
# ending in "in" that are not feminine forms although "...innen" exists as a word.
_NOT_FEMININE = frozenset(
    ["termin", "medizin", "benzin", "magazin", "vitamin", "disziplin", "berlin"]
)


_TRANSCRIBED = re.compile(r"(^|[^aeiouäöüq])(ae|oe|ue)")
_UMLAUT = {"ae": "ä", "oe": "ö", "ue": "ü"}


def gender_marks(text):
    """Drop the gender star, colon, underscore, slash and capital-I forms: "Nutzer*innen",
    "Nutzer:innen", "NutzerInnen" -> "Nutzer" (the masculine stem stands for every form)."""
    return _GENDER_MARK.sub("", text or "")


@lru_cache(maxsize=1)
def vocabulary():
    """word -> Zipf frequency for German words of at least 3 letters (wordfreq's large list).

    Loaded once per process: about 0.5 s and 72 MB (626,000 words; measured with tracemalloc).
    Rare words stay because feminine forms are confirmed by them ("landärztin", Zipf 1.3).
    """
    from wordfreq import get_frequency_list

    words = {}
    for centibels, bucket in enumerate(get_frequency_list("de", wordlist="large")):
        zipf = 9.0 - centibels / 100
        if zipf < 1.0:
            break
        for word in bucket:
            if len(word) >= 3 and word.isalpha() and word not in words:
                words[word] = zipf
    return words


def zipf(word):
    return vocabulary().get(word, 0.0)


@lru_cache(maxsize=200_000)
def ungender(word):
    """The base form of a feminine word: "seniorinnen" -> "senior", "ärztin" -> "ärzt".

    Lower-case input. "-innen" and "-in" go only after a consonant, when at least four letters
    stay, and when the word list knows the feminine plural (so "termin", "schwerin", "medizin"
    stay as they are: there are no "terminnen").
    """
    if word in _NOT_FEMININE:
        return word
    if word.endswith("innen"):
        base = word[:-5]
        if len(base) >= 4 and base[-1] not in "aeiouäöü" and (zipf(base + "in") or zipf(word)):
            return base
    elif word.endswith("in"):
        base = word[:-2]
        if len(base) >= 4 and base[-1] not in "aeiouäöü" and zipf(word + "nen"):
            return base
    return word


def _strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def search_form(word):
    """Snowball stem without umlauts, plus the plural endings Snowball leaves apart."""
    term = _strip_accents(snowball_stem(word.lower().replace("ß", "ss")))
    if len(term) >= 4 and term.endswith("ss"):  # bürgerbusse -> burgerbuss -> burgerbus
        term = term[:-1]
    if len(term) >= 5 and term.endswith(("ium", "eum", "rum")):  # gremium/gremien
        term = term[:-2]
    elif (
        len(term) >= 5
        and term[-1] == "a"
        and term[-2] not in "aeiouy"
        or len(term) >= 5
        and term[-1] == "s"
        and term[-2] in "aioy"
    ):  # thema/themen
        term = term[:-1]
    return term


def _is_part(word):
    if word in NOT_PARTS:
        return 0.0
    frequency = zipf(word)
    if len(word) >= MIN_PART and frequency >= PART_ZIPF:
        return frequency
    if len(word) == MIN_SHORT_PART and frequency >= SHORT_PART_ZIPF:
        return frequency
    return 0.0


def _verb_stem(word):
    """A modifier may be a verb stem the word list lacks ("mitfahr" in „Mitfahrbank“, as
    „mitfahren“ confirms); it counts with its infinitive's frequency. Only before a consonant:
    „bestehende“ is no „besteh“ + „ende“."""
    if len(word) < MIN_VERB_STEM or word in NOT_PARTS or word[-1] in VOWELS:
        return 0.0
    frequency = zipf(word + "en")
    return frequency if frequency >= VERB_ZIPF else 0.0


def _noun_head(part):
    """What may follow a verb stem: a common word of four letters or more that starts with a
    consonant and is no verb form or suffix („bestehende“ is no „besteh“ + „ende“, „absehbar“
    no „abseh“ + „bar“, „ausgebreitet“ no „ausgeb“ + „reitet“)."""
    return (
        len(part) >= MIN_PART
        and part[0] not in VOWELS
        and not part.endswith(("t", "en", "sche", "lich", "bar", "bare", "same"))
        and zipf(part) >= NOUN_HEAD_ZIPF
    )


@lru_cache(maxsize=200_000)
def _splits(word):
    """The best cover of `word` by parts: (sum of Zipf values, number of parts, parts, pieces),
    or None. A part is the word as it stands in the compound without its linking element; a
    piece is the stretch of the compound it covers (with the linking element)."""
    best = None
    whole = _is_part(word)
    if whole:
        best = (whole, 1, (word,), (word,))
    for cut in range(MIN_SHORT_PART, len(word) - MIN_SHORT_PART + 1):
        left, right = word[:cut], word[cut:]
        rest = _splits(right)
        if rest is None:
            continue
        forms = [left] + [left[: -len(link)] for link in LINKS if left.endswith(link)]
        for form in forms:
            frequency = _is_part(form) or (_noun_head(rest[2][0]) and _verb_stem(form))
            if not frequency:
                continue
            total, count, parts, pieces = rest
            candidate = (total + frequency, count + 1, (form, *parts), (left, *pieces))
            if best is None or _better(candidate, best):
                best = candidate
    return best


def _better(a, b):
    """Higher mean frequency wins; fewer parts break ties."""
    mean_a, mean_b = a[0] / a[1], b[0] / b[1]
    return mean_a > mean_b + 1e-9 or (abs(mean_a - mean_b) <= 1e-9 and a[1] < b[1])


@lru_cache(maxsize=200_000)
def compound_split(word):
    """(parts, pieces) of a German compound, lower case, or ((), ()) when it is not one.

    "seniorenbeirat" -> (("senioren", "beirat"), ("senioren", "beirat")); "bewegung" -> none.
    A split is taken only when its parts are on average more common than the whole word.
    """
    word = word.lower()
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return (), ()
    found = _splits(word)
    if (found is None or found[1] < 2) and _TRANSCRIBED.search(word):
        # "Buergerbus": the word list spells umlauts; split the umlaut spelling instead.
        found = _splits(_TRANSCRIBED.sub(lambda m: m.group(1) + _UMLAUT[m.group(2)], word))
    if found is None or found[1] < 2:
        return (), ()
    total, count, parts, pieces = found
    if total / count <= zipf(word):
        return (), ()
    return parts, pieces


def compound_parts(word):
    return compound_split(word)[0]


@lru_cache(maxsize=200_000)
def word_terms(word):
    """Index terms of one word: its search form, then those of its heads and parts.

    "Seniorenbegegnungsstätte" -> seniorenbegegnungsstatt, begegnungsstatt, senior,
    begegnung, statt. Heads (the compound without its first parts) are terms too, so a query
    for "Begegnungsstätte" also finds it as a whole word.
    """
    terms = [search_form(_analyse(word)[0]), *(term for term, _l, _w in compound_pieces(word))]
    unique = [terms[0]] if terms[0] else []
    for term in terms[1:]:
        if len(term) >= 2 and term not in unique:
            unique.append(term)
    return tuple(unique)


@lru_cache(maxsize=200_000)
def compound_pieces(word):
    """(term, label, weight) of a compound's heads and parts, heads first: what a query word
    stands for by meaning when the whole finds nothing. A head weighs more than a modifier
    ("Nachbarschaftsmanagement": management 0.6, nachbarschaft 0.3); labels as written."""
    _base, pieces, parts = _analyse(word)
    heads = ["".join(pieces[k:]) for k in range(1, len(pieces) - 1)]
    found = [(head, HEAD_WEIGHT) for head in heads]
    found += [(part, MODIFIER_WEIGHT) for part in parts[:-1]] + [
        (part, HEAD_WEIGHT) for part in parts[-1:]
    ]
    capital = word[:1].isupper()
    return tuple(
        (search_form(label), label.capitalize() if capital else label, weight)
        for label, weight in found
    )


@lru_cache(maxsize=200_000)
def _analyse(word):
    """(base, pieces, parts): the ungendered word, the stretches of its compound parts (with
    linking elements) and the parts."""
    lower = word.lower()
    ungendered = ungender(lower)  # "nutzerinnen" -> "nutzer" (the word list knows the form)
    parts, pieces = compound_split(ungendered)
    if not parts and ungendered != lower:  # "landärzt" does not split: "landärztinnen" does
        parts, pieces = compound_split(lower)
    if not parts and ungendered == lower:  # a rare feminine compound: its head confirms it
        for ending in ("innen", "in"):
            if lower.endswith(ending):
                stem_parts, stem_pieces = compound_split(lower[: -len(ending)])
                if stem_parts and ungender(stem_parts[-1] + ending) == stem_parts[-1]:
                    parts, pieces = stem_parts, stem_pieces
                break
    if not parts:
        return ungender(lower), (), ()
    head = ungender(parts[-1])
    if head != parts[-1]:  # land + ärztinnen -> landärzt, parts land, ärzt
        parts = (*parts[:-1], head)
        pieces = (*pieces[:-1], head)
    return "".join(pieces), pieces, parts


ES_PART_ZIPF = (
    3.5  # the Elasticsearch word list keeps the commoner parts only (size of the mapping)
)


def elasticsearch_word_list(normalize):
    """Compound parts for Elasticsearch's dictionary decompounder, folded by `normalize`
    (Lucene's german_normalization): words of at least 4 letters, Zipf >= 3.5, no stop words."""
    folded = {
        normalize(word)
        for word, frequency in vocabulary().items()
        if frequency >= ES_PART_ZIPF and len(word) >= MIN_PART and word not in NOT_PARTS
    }
    return sorted(word for word in folded if normalize(word) == word)


# Derivations that join a word family: (prefix, ending of one member, ending of the other),
# read both ways: "barrierefrei" + heit, "häuslich" = Haus + lich, "Vereinsamung" = ver +
# "einsam" + ung. "ver" only with "-sam" adjectives: „Versorgung“ is no „Sorge“.
_DERIVATIONS = (
    ("", "", "heit"),
    ("", "", "keit"),
    ("", "", "igkeit"),
    ("", "", "lich"),
    ("", "", "isch"),
    ("", "", "isierung"),
    ("", "en", "ung"),
    ("", "ieren", "ement"),
    ("", "ieren", "ierung"),
    ("ver", "sam", "samung"),
)
_UMLAUTED = str.maketrans("aou", "äöü")
FAMILY_ZIPF = 2.5  # a family member must be at least this common (rare forms are noise)
FAMILY_SIZE = 4


@lru_cache(maxsize=50_000)
def word_family(word):
    """(search form, word) of the derivations of a word the word list confirms: adjective,
    noun and verb of one family ("einsam" -> Vereinsamung; "Digitalisierung" -> digital).

    Why suffix rules over wordfreq's list: `simplemma` (and lemmatisers like it) maps only the
    inflected forms of one word to its lemma, which Snowball already joins; it keeps
    „Vereinsamung“, „Digitalisierung“ and „häuslich“ apart from „einsam“, „digital“ and „Haus“.
    A morphological dictionary would be a large download for the few derivations that matter;
    the rules here make candidates, and the word list (a dependency already) keeps the real ones.
    """
    lower = ungender(word.lower())
    own = set(word_terms(word))
    if len(lower) < MIN_PART:  # „Amt“ is no family of „amtlich“ in „ehrenamtlich“
        return ()
    candidates = []
    for prefix, plain, derived in _DERIVATIONS:
        stripped = lower[len(prefix) :] if lower.startswith(prefix) else ""
        if stripped.endswith(derived):  # derived -> plain
            stem = stripped[: -len(derived)]
            candidates += [stem + plain, _without_umlaut(stem) + plain]
        if lower.endswith(plain):  # plain -> derived
            stem = lower[: len(lower) - len(plain)]
            candidates += [prefix + stem + derived, prefix + _umlauted(stem) + derived]
    found = []
    for candidate in dict.fromkeys(candidates):
        if candidate == lower or len(candidate) < MIN_PART or zipf(candidate) < FAMILY_ZIPF:
            continue
        term = search_form(candidate)
        if len(term) >= MIN_PART and term not in own | NOT_PARTS and term not in dict(found):
            found.append((term, candidate))
    return tuple(found[:FAMILY_SIZE])


def _umlauted(stem):
    """The stem with its last vowel umlauted ("haus" -> "häus"), as derivations do."""
    for i in range(len(stem) - 1, -1, -1):
        if stem[i] in "aou":
            if stem[i] == "u" and i and stem[i - 1] == "a":  # au -> äu
                return stem[: i - 1] + "ä" + stem[i:]
            return stem[:i] + stem[i].translate(_UMLAUTED) + stem[i + 1 :]
    return stem


def _without_umlaut(stem):
    return stem.replace("ä", "a").replace("ö", "o").replace("ü", "u")
