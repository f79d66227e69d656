"""Action-field colours as a stylesheet, so templates need no inline styles (the CSP forbids them)."""

from django.http import HttpResponse

from .models import ActionField


def action_field_css(request):
    """`.af-<slug>` sets `--af-colour` for each action field; editors change colours in the admin."""
    rules = [
        f".af-{field.slug} {{ --af-colour: {field.colour}; }}"
        for field in ActionField.objects.all()
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
