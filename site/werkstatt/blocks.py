"""StreamField blocks shared by every page type: text, image, quote, document link; no embeds."""

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
