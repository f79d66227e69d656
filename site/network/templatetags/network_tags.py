"""`{% contact_card person %}`: the one way any template shows a contact, respecting visibility."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("network/includes/contact_card.html", takes_context=True)
def contact_card(context, person):
    """Renders only what the viewer may see; "Kontakt auf Anfrage" for None or a not visible person."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    visible = person is not None and person.visible_to(user)
    if visible:
        return {"person": person}
    # Not visible: a way to ask anyway, through the site („Nachricht senden“).
    url = (
        reverse("network:person_message", args=[person.pk])
        if person is not None
        else reverse("network:message")
    )
    if request is not None:
        url += "?" + urlencode({"seite": request.path})
    return {"person": None, "message_url": url}


@register.filter
def visible_to(person, user):
    """`{% if person|visible_to:request.user %}` for templates that lay contacts out themselves."""
    return person is not None and person.visible_to(user)


@register.filter
def thousands(value):
    """12345 -> 12.345 (German digit grouping)."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value
