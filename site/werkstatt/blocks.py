"""StreamField blocks shared by every page type: text, image, quote, document link; no embeds.

`stream_text(value)` is the one way a StreamField becomes plain text (search documents and the
catalogue spreadsheet's description alike): Wagtail's `get_searchable_content` of each block,
except that rich text keeps its paragraphs (the spreadsheet round trip needs them).
"""

import html
import re

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        required=False,
        help_text=_("Leer lassen, wenn das Bild nur schmückt."),
    )
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)

    class Meta:
        icon = "image"
        template = "werkstatt/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(label=_("Quelle"), required=False)

    class Meta:
        icon = "openquote"
        template = "werkstatt/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(label=_("Linktext"), required=False)

    class Meta:
        icon = "doc-full"
        template = "werkstatt/blocks/document_link.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Zwischenüberschrift"),
        form_classname="title",
        template="werkstatt/blocks/heading.html",
    )
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"],
    )
    image = ImageBlock(label=_("Bild"))
    quote = QuoteBlock(label=_("Zitat"))
    document = DocumentLinkBlock(label=_("Dokument"))


def html_to_text(markup):
    """Rich text -> plain text with blank lines between paragraphs, lines kept at <br>."""
    markup = re.sub(r"<br\s*/?>", "\n", markup)
    parts = re.split(r"</(?:p|h\d|li|blockquote)>", markup)
    return "\n\n".join(
        html.unescape(strip_tags(part)).strip() for part in parts if strip_tags(part).strip()
    )


def stream_text(value):
    """A StreamField value as plain text, one paragraph per block part, in order.

    No template is rendered (no image renditions, nothing inside a commit hook that could
    fail on a missing file); what a block contributes is what Wagtail would index for it.
    """
    chunks = []
    for child in value or ():
        if isinstance(child.block, blocks.RichTextBlock):
            chunks.append(html_to_text(child.value.source))
        else:
            chunks.extend(str(part) for part in child.block.get_searchable_content(child.value))
    return "\n\n".join(chunk.strip() for chunk in chunks if chunk and chunk.strip())
