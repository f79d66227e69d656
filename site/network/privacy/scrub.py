"""Finding and replacing a person's name, e-mail and phone in stored text and JSON.

Key concepts: text can hold a value raw, HTML-escaped, JSON-escaped (SQLite stores JSON with
\\u escapes) or escaped twice (a StreamField's JSON string inside a revision's JSON).
`variants()` lists every spelling; a SQL pre-filter (LIKE) finds candidate rows, Python
replaces, one UPDATE per changed row writes.
"""

import html
import json
import re

from django.db import connection
from django.utils.translation import gettext as _

MIN_TOKEN_LENGTH = 4


def replacement():
    return _("[entfernt]")


def person_tokens(person):
    """The strings that identify the person: full name, e-mail, phone (very short ones skipped)."""
    tokens = [person.name, person.email, person.phone]
    return [t.strip() for t in tokens if t and len(t.strip()) >= MIN_TOKEN_LENGTH]


def variants(token):
    """Raw, HTML-escaped, JSON-escaped once and twice (ASCII escapes, as SQLite stores JSON)."""
    level1 = json.dumps(token)[1:-1]
    level2 = json.dumps(level1)[1:-1]
    found = [token, html.escape(token, quote=False), level1, level2]
    return list(dict.fromkeys(v for v in found if v))


def pattern_for(tokens):
    spellings = sorted({v for t in tokens for v in variants(t)}, key=len, reverse=True)
    if not spellings:
        return None
    return re.compile("|".join(re.escape(s) for s in spellings), re.IGNORECASE)


def scrub_text(text, pattern):
    """(new text, number of replacements)."""
    if pattern is None or not isinstance(text, str):
        return text, 0
    return pattern.subn(replacement(), text)


def scrub_data(value, pattern):
    """Replace inside every string of a JSON-like structure; returns (new value, replacements)."""
    if isinstance(value, str):
        return scrub_text(value, pattern)
    if isinstance(value, list):
        pairs = [scrub_data(item, pattern) for item in value]
        return [p[0] for p in pairs], sum(p[1] for p in pairs)
    if isinstance(value, dict):
        pairs = {key: scrub_data(item, pattern) for key, item in value.items()}
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


def scrub_column(table, pk_column, column, tokens, is_json=False):
    """Replace the tokens in one column of one table; returns the primary keys of changed rows."""
    pattern = pattern_for(tokens)
    if pattern is None:
        return []
    qn = connection.ops.quote_name
    target = "CAST(%s AS jsonb)" if is_json and connection.vendor == "postgresql" else "%s"
    changed = []
    rows = candidates(table, pk_column, column, tokens)
    with connection.cursor() as cursor:
        for pk, value in rows:
            if not isinstance(value, str):  # a driver that parses JSON itself
                value = json.dumps(value)
            new, count = scrub_text(value, pattern)
            if count:
                cursor.execute(
                    f"UPDATE {qn(table)} SET {qn(column)} = {target} WHERE {qn(pk_column)} = %s",  # noqa: S608
                    [new, pk],
                )
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


def scrub_model(model, tokens):
    """Scrub every text column of `model`'s own table; returns the set of changed primary keys."""
    changed = set()
    pk_column = model._meta.pk.column
    for field, is_json in text_columns(model):
        changed.update(scrub_column(model._meta.db_table, pk_column, field.column, tokens, is_json))
    return changed


def model_mentions(model, tokens):
    """Primary keys of rows of `model` whose own text columns mention a token (read only)."""
    found = set()
    for field, _is_json in text_columns(model):
        found.update(
            pk
            for pk, _ in candidates(
                model._meta.db_table, model._meta.pk.column, field.column, tokens
            )
        )
    return found
