"""vCard 3.0 for a visible contact (RFC 2426), written by hand: no dependency for ten lines."""


def _escape(value):
    return (
        str(value or "")
        .replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace(";", "\\;")
        .replace(",", "\\,")
    )


def vcard_for(person):
    """Only call this for a person the viewer may see; it includes the e-mail and phone."""
    parts = person.name.rsplit(" ", 1)
    family, given = (parts[1], parts[0]) if len(parts) == 2 else (parts[0], "")
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_escape(person.name)}",
        f"N:{_escape(family)};{_escape(given)};;;",
    ]
    if person.organisation:
        lines.append(f"ORG:{_escape(person.organisation.name)}")
    if person.function:
        lines.append(f"TITLE:{_escape(person.function)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{_escape(person.email)}")
    if person.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(person.phone)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"
