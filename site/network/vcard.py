"""vCard 3.0 for a visible contact, escaped and folded as RFC 6350 §3.2/§3.4 prescribe.

Why by hand: ten properties do not need a dependency, but every value goes through `escape`:
backslash, comma and semicolon are escaped, CR, LF and CRLF all become the two characters
„\\n“ (a bare CR must never end a line: parsers that split on CR would read an injected
property), other control characters are dropped, and long lines are folded at 75 octets.
The tests read the result back with the `vobject` parser.
"""

import re

from .phones import dialable

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
MAX_OCTETS = 75


def escape(value):
    text = CONTROL.sub("", str(value or ""))
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return LINE_BREAK.sub("\\\\n", text)


def fold(line):
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = MAX_OCTETS if not parts else MAX_OCTETS - 1  # continuation lines start with a space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def vcard_for(person):
    """Only call this for a person the viewer may see; it includes the e-mail and phone."""
    parts = person.name.rsplit(" ", 1)
    family, given = (parts[1], parts[0]) if len(parts) == 2 else (parts[0], "")
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{escape(person.name)}",
        f"N:{escape(family)};{escape(given)};;;",
    ]
    if person.organisation:
        lines.append(f"ORG:{escape(person.organisation.name)}")
    if person.function:
        lines.append(f"TITLE:{escape(person.function)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape(person.email)}")
    if person.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escape(dialable(person.phone))}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
