"""`{% contact_card person %}`: the one way any template shows a contact, respecting visibility."""

from django import template

register = template.Library()


@register.inclusion_tag("network/includes/contact_card.html", takes_context=True)
def contact_card(context, person):
    """Renders only what the viewer may see; "Kontakt auf Anfrage" for None or a not visible person."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    visible = person is not None and person.visible_to(user)
    return {"person": person if visible else None}


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
