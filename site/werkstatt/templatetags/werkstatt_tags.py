"""Small template helpers of the base site."""

import html

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator

from ..contentcache import cached, host_key
from ..visibility import blocked_paths

register = template.Library()


@register.filter
def teaser(value, words=30):
    """Plain text of a rich-text or plain intro, cut to `words` words; the template escapes it.

    Printing a rich-text intro directly showed its <p> and <b> tags as text on the home page.
    """
    text = html.unescape(strip_tags(str(value or "")))
    return Truncator(" ".join(text.split())).words(int(words), truncate=" …")


@register.filter
def nav_current(page, nav_pages):
    """The page's id if it is one of the main navigation's entries (marked as current there),
    else None: the key of the header fragment, one per entry instead of one per page."""
    if page is None or not hasattr(page, "pk"):
        return None
    return page.pk if any(item.pk == page.pk for item in nav_pages or ()) else None


@register.tag("fragment")
def fragment(parser, token):
    """`{% fragment "name" value ... %}…{% endfragment %}`: the enclosed markup, rendered once per
    content version for each combination of the values and kept for every process
    (`werkstatt.contentcache`). Only for visitors who are not logged in, and keyed also by what
    they may open (the blocked paths of view restrictions), so members never get a fragment
    rendered for the public nor the other way round. A fragment that used the CSRF token is
    never kept. Put only content inside: nothing that depends on the request beyond the
    values named (no messages, no form state). Not Django's {% cache %}: that would keep
    fragments for logged-in visitors, by no content version, and with no near cache."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} braucht einen Namen")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        user = context.get("user")
        if request is None or user is None or user.is_authenticated:
            return self.nodelist.render(context)
        key = (
            host_key(request),
            *(part.resolve(context) for part in self.parts),
            blocked_paths(request),
        )
        # Django's get_token() sets this flag; cleared here to see whether the fragment calls it.
        earlier = request.META.pop("CSRF_COOKIE_NEEDS_UPDATE", False)
        markup = cached(
            request,
            "fragment",
            key,
            lambda: self.nodelist.render(context),
            keep=lambda markup: not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"),
        )
        if earlier:
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        return markup
