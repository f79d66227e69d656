"""Finding and replacing a person's name, e-mail and phone in stored text and JSON.

Key concepts: text can hold a value raw, HTML-escaped, JSON-escaped (SQLite stores JSON with
\\u escapes) or escaped twice (a StreamField's JSON string inside a revision's JSON).
`variants()` lists every spelling; `Traces` holds the forms of one person's name with the
rule for each (see its docstring); a SQL pre-filter (LIKE on the surname, e-mail, phone
digits) finds candidate rows, Python replaces, one UPDATE per changed row writes.
"""

import html
import json
import re

from django.db import connection
from django.utils.translation import gettext as _

MIN_TOKEN_LENGTH = 4
# Forms of address and titles that may stand before a surname ("Frau Dr. Quastenberg").
TITLES = ("Frau", "Herr", "Herrn", "Dr.", "Prof.", "Professorin", "Professor", "Dipl.-Ing.")
# Particles that start a surname ("Anna von der Heide" -> "von der Heide").
PARTICLES = ("von", "van", "de", "zu", "vom", "zum", "zur", "ten", "ter")
# A surname right after an article is a common noun ("der Koch", "die Heide"), not the person.
ARTICLES = ("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer")
# Spaces as stored: plain, non-breaking (raw, HTML entity, JSON-escaped once or twice).
SPACE = r"(?:\s|&nbsp;|&#160;|\\u00a0|\\\\u00a0)+"


def replacement():
    return _("[entfernt]")


def variants(token):
    """Raw, HTML-escaped, JSON-escaped once and twice (ASCII escapes, as SQLite stores JSON)."""
    level1 = json.dumps(token)[1:-1]
    level2 = json.dumps(level1)[1:-1]
    found = [token, html.escape(token, quote=False), level1, level2]
    return list(dict.fromkeys(v for v in found if v))


def split_name(name):
    """(given names, surname) of a full name without titles; surname "" for one-word names."""
    words = [w for w in name.split() if w not in TITLES]
    if len(words) < 2:
        return " ".join(words), ""
    for index, word in enumerate(words[1:], start=1):
        if word in PARTICLES:
            return " ".join(words[:index]), " ".join(words[index:])
    return " ".join(words[:-1]), words[-1]


def _alternation(forms):
    """One regex alternative per spelling of each form, longest first, spaces flexible."""
    spellings = sorted({v for form in forms for v in variants(form)}, key=len, reverse=True)
    return "|".join(re.escape(s).replace("\\ ", SPACE) for s in spellings)


def phone_pattern(phone):
    """The phone's digits with any separators, the leading 0 also as +49 or 0049."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < MIN_TOKEN_LENGTH:
        return ""
    if phone.strip().startswith("+49"):
        digits = "0" + digits[2:]
    elif digits.startswith("0049"):
        digits = "0" + digits[4:]
    sep = r"[\s()/.\-]{0,3}"
    body = sep.join(digits[1:]) if digits.startswith("0") else sep.join(digits)
    lead = r"(?:0|\+49[\s()]*0?|0049[\s()]*0?)" + sep if digits.startswith("0") else ""
    return rf"(?<!\d){lead}{body}(?!\d)"


class Traces:
    """How one person can appear in stored text, and the rule for scrubbing each form.

    Always scrubbed (strong): the full name as stored and without titles, "Quastenberg, Gerlinde",
    "G. Quastenberg", the e-mail, the phone in any spacing (also +49), and "Frau/Herr/Dr./Prof.
    Quastenberg" when nobody else in the directory has that surname.
    Scrubbed only in a text (one column value, one revision) that also shows a strong form or
    points at the person (weak): the capitalised surname alone, never right after an article
    ("der Koch") or inside a longer word, and only when no other person has that surname and
    it has at least four letters. With a namesake in the directory, "Frau Quastenberg" becomes
    weak and the surname alone is never scrubbed: it may be the other person's.
    """

    def __init__(self, name, email="", phone="", namesake=False):
        self.name = name.strip()
        given, self.surname = split_name(self.name)
        strong = {self.name, f"{given} {self.surname}".strip()}
        if self.surname:
            strong.add(f"{self.surname}, {given}")
            strong.add(f"{given[0]}. {self.surname}")
        if email and len(email.strip()) >= MIN_TOKEN_LENGTH:
            strong.add(email.strip())
        strong_parts = [_alternation({f for f in strong if len(f) >= MIN_TOKEN_LENGTH})]
        if phone and phone_pattern(phone):
            strong_parts.append(phone_pattern(phone))
        weak_parts = []
        if self.surname:
            # "Frau Dr. Quastenberg": one or more titles, then the surname.
            titled = rf"(?:(?:{_alternation(TITLES)}){SPACE})+(?:{_alternation([self.surname])})"
            (weak_parts if namesake else strong_parts).insert(0, titled)
        self.strong = re.compile("|".join(p for p in strong_parts if p), re.IGNORECASE)
        if self.surname and not namesake and len(self.surname) >= MIN_TOKEN_LENGTH:
            not_after_article = "".join(
                f"(?<!{re.escape(a)} )(?<!{re.escape(a.capitalize())} )" for a in ARTICLES
            )
            weak_parts.append(
                rf"(?<![\w-]){not_after_article}(?:{_alternation([self.surname])})(?![\w-])"
            )
        self.weak = re.compile("|".join(weak_parts)) if weak_parts else None
        digits = max(re.findall(r"\d+", phone or ""), key=len, default="")
        self.prefilter = [
            t
            for t in (self.surname or self.name, email.strip() if email else "", digits)
            if t and len(t) >= MIN_TOKEN_LENGTH
        ]

    @classmethod
    def of(cls, person):
        """The person's traces; a namesake is another directory entry with the same surname."""
        from ..models import Person

        _given, surname = split_name(person.name)
        namesake = False
        if surname:
            word = re.compile(rf"(?<![\w-]){re.escape(surname)}(?![\w-])")
            others = Person.objects.exclude(pk=person.pk).filter(name__icontains=surname)
            namesake = any(word.search(name) for name in others.values_list("name", flat=True))
        return cls(person.name, person.email, person.phone, namesake=namesake)

    def mentions(self, text):
        return isinstance(text, str) and bool(self.strong.search(text))

    def scrub_text(self, text, related=False):
        """(new text, replacements); weak forms only if the text shows a strong one or `related`."""
        if not isinstance(text, str):
            return text, 0
        text, count = self.strong.subn(replacement(), text)
        if self.weak is not None and (count or related):
            text, more = self.weak.subn(replacement(), text)
            count += more
        return text, count

    def scrub_data(self, value, related=False):
        """Scrub every string of a JSON-like structure (one revision is one text for the rule)."""
        _value, strong = _walk(value, lambda t: self.strong.subn(replacement(), t))
        value = _value
        if self.weak is not None and (strong or related):
            value, weak = _walk(value, lambda t: self.weak.subn(replacement(), t))
            strong += weak
        return value, strong


def _walk(value, fn):
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        pairs = [_walk(item, fn) for item in value]
        return [p[0] for p in pairs], sum(p[1] for p in pairs)
    if isinstance(value, dict):
        pairs = {key: _walk(item, fn) for key, item in value.items()}
        return {k: p[0] for k, p in pairs.items()}, sum(p[1] for p in pairs.values())
    return value, 0


def _like_params(tokens):
    spellings = sorted({v.lower() for t in tokens for v in variants(t)})
    return [
        "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for s in spellings
    ]


def candidates(table, pk_column, column, tokens):
    """(pk, value) of rows whose column mentions a token, by a case-insensitive LIKE."""
    params = _like_params(tokens)
    if not params:
        return []
    qn = connection.ops.quote_name
    clause = f"LOWER(CAST({qn(column)} AS TEXT)) LIKE %s ESCAPE '\\'"
    where = " OR ".join([clause] * len(params))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {qn(pk_column)}, {qn(column)} FROM {qn(table)} WHERE {where}",  # noqa: S608
            params,
        )
        return cursor.fetchall()


def _write(table, pk_column, column, is_json, pk, value):
    qn = connection.ops.quote_name
    target = "CAST(%s AS jsonb)" if is_json and connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {qn(table)} SET {qn(column)} = {target} WHERE {qn(pk_column)} = %s",  # noqa: S608
            [value, pk],
        )


def _as_text(value):
    return value if isinstance(value, str) else json.dumps(value)  # a driver that parses JSON


def scrub_column(table, pk_column, column, traces, is_json=False):
    """Scrub the person's traces from one column of one table; returns the changed primary keys."""
    changed = []
    for pk, value in candidates(table, pk_column, column, traces.prefilter):
        new, count = traces.scrub_text(_as_text(value))
        if count:
            _write(table, pk_column, column, is_json, pk, new)
            changed.append(pk)
    return changed


def text_columns(model):
    """(field, is_json) for the text-like columns a model keeps in its own table."""
    for field in model._meta.local_concrete_fields:
        kind = field.get_internal_type()
        if kind in ("CharField", "TextField"):
            yield field, False
        elif kind == "JSONField":
            yield field, True


def scrub_model(model, traces, related=frozenset()):
    """Scrub the text columns of `model`'s own table; returns the set of changed primary keys.

    One row is one text for the weak forms: a surname alone in the body goes when the intro
    names the person, or when the row's pk is in `related` (its revisions named them).
    """
    table, pk_column = model._meta.db_table, model._meta.pk.column
    found = {}  # pk -> [(column, is_json, text)]
    for field, is_json in text_columns(model):
        for pk, value in candidates(table, pk_column, field.column, traces.prefilter):
            found.setdefault(pk, []).append((field.column, is_json, _as_text(value)))
    changed = set()
    for pk, cells in found.items():
        row_related = str(pk) in related or any(traces.mentions(text) for _c, _j, text in cells)
        for column, is_json, text in cells:
            new, count = traces.scrub_text(text, related=row_related)
            if count:
                _write(table, pk_column, column, is_json, pk, new)
                changed.add(pk)
    return changed
