"""„Meinten Sie: …?“: the nearest indexed word for a query word the index does not know.

Key concepts: the vocabulary is the projection's own: every word of at least four letters in a
document's title, summary or keywords is recorded once (`SearchTerm`: its search form, the word
as written, its folded spelling) when the document is written. A query that finds fewer than
`SUGGEST_BELOW` documents gets a suggestion when one of its words is not in the vocabulary: each
such word is replaced by the vocabulary word nearest in edit distance (transpositions count one;
same first letter, length within two), and the suggested query is kept only if it finds
something and no less than the typed one ("Nachbarschafthilfe" already finds „Nachbarschaftshilfe“
through its parts, and is still told the spelling). The same suggestion serves every backend (the projection
is the source of truth for all of them); no external service is asked.
"""

from .german import word_terms
from .text import fold, words

SUGGEST_BELOW = 3  # suggest when a query finds fewer documents than this
MIN_LENGTH = 4


def distance(a, b, limit=2):
    """Optimal string alignment distance (Damerau-Levenshtein without repeated edits)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def vocabulary_rows(documents):
    """(term, word, folded) for the words of the documents' titles, summaries and keywords."""
    seen, met = {}, set()
    for data in documents:
        for text in (data.title, data.summary, data.keywords):
            for word in words(text):
                if word in met:  # the same few words recur in every document: fold each once
                    continue
                met.add(word)
                if len(word) < MIN_LENGTH or not word.isalpha():
                    continue
                folded = fold(word)
                if folded not in seen:
                    terms = word_terms(word)
                    if terms:
                        seen[folded] = (terms[0], word)
    return [(term, word, folded) for folded, (term, word) in seen.items()]


def record(documents):
    """Add the documents' words to the vocabulary (words already known are left as they are)."""
    write(vocabulary_rows(documents))


def write(rows):
    """Add (term, word, folded) rows to the vocabulary (a rebuild collects them once for all
    its batches); folded spellings already known are left as they are."""
    from .models import SearchTerm

    SearchTerm.objects.bulk_create(
        [
            SearchTerm(
                term=term[:100],
                word=word[:100],
                folded=folded[:100],
                first=folded[:1],
                length=len(folded),
            )
            for term, word, folded in rows
            if len(folded) <= 100
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )


def prune(text):
    """Drop the words of `text` from the vocabulary unless a document still contains them.

    For erasure: a person's name must not stay in the vocabulary once their documents are gone
    and the pages that named them are re-indexed without it.
    """
    from django.db.models import Q

    from .models import SearchDocument, SearchTerm

    for _term, word, folded in vocabulary_rows([_Text(text)]):
        still = Q()
        for spelling in {word, folded}:
            for field in ("title", "summary", "keywords"):
                still |= Q(**{f"{field}__icontains": spelling})
        if not SearchDocument.objects.filter(still).exists():
            SearchTerm.objects.filter(folded=folded[:100]).delete()


class _Text:
    """A text in the shape `vocabulary_rows` reads (title, summary, keywords)."""

    def __init__(self, text):
        self.title, self.summary, self.keywords = text, "", ""


def known(term):
    from .models import SearchTerm

    return SearchTerm.objects.filter(term=term).exists()


def candidates(word):
    """Vocabulary words nearest to `word` (distance 1, or 2 for words of 7+ letters)."""
    from .models import SearchTerm

    folded = fold(word)
    limit = 1 if len(folded) < 7 else 2
    rows = SearchTerm.objects.filter(
        first=folded[:1], length__gte=len(folded) - limit, length__lte=len(folded) + limit
    ).values_list("word", "folded")
    scored = sorted(
        (distance(folded, other, limit), other, shown) for shown, other in rows if other != folded
    )
    return [shown for d, _other, shown in scored if d <= limit][:5], limit


def suggest(q, count):
    """The corrected query, or "" (count: query text -> visible documents it finds)."""
    original = words(q)
    unknown = [
        position
        for position, word in enumerate(original)
        if len(word) >= MIN_LENGTH and word_terms(word) and not known(word_terms(word)[0])
    ]
    if not unknown:  # every word is in the index: nothing to correct, no extra search
        return ""
    typed = count(q)
    if typed >= SUGGEST_BELOW:
        return ""
    replaced = list(original)
    changed = False
    for position in unknown:
        options, _limit = candidates(original[position])
        chosen, chosen_count = None, 0
        for option in options:
            trial = replaced[:position] + [option] + replaced[position + 1 :]
            found = count(" ".join(trial))
            if found > chosen_count:
                chosen, chosen_count = option, found
        if chosen:
            replaced[position] = chosen
            changed = True
    if changed:
        suggestion = " ".join(replaced)
        found = count(suggestion)
        if found and found >= typed:  # never a spelling that finds less than the typed one
            return suggestion
    return ""
