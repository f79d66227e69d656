"""Small template helpers of the base site."""

import html

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator

register = template.Library()


@register.filter
def teaser(value, words=30):
    """Plain text of a rich-text or plain intro, cut to `words` words; the template escapes it.

    Printing a rich-text intro directly showed its <p> and <b> tags as text on the home page.
    """
    text = html.unescape(strip_tags(str(value or "")))
    return Truncator(" ".join(text.split())).words(int(words), truncate=" …")
