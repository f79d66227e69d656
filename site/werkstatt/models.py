"""Site-wide pages (home, plain content) and settings that the base templates need."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock
from .contentcache import cached
from .visibility import viewable


class HomePage(Page):
    """The entry page: what Werkstatt is, where to start, the action fields, a search box."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = RichTextField(_("Text"), blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Startseite")

    def route(self, request, path_components):
        """Wagtail's routing below the home page costs two queries per level. The page an
        address leads to is kept per content version as its id, type and depth (never the page
        object); then the page is read with one query and Wagtail's own route of that page does
        the rest (live or 404, a routable page's sub-route). Only GET, never a 404."""
        if not path_components or request.method not in ("GET", "HEAD"):
            return super().route(request, path_components)
        routed = []

        def route_ids():
            routed.append(super(HomePage, self).route(request, path_components))
            page = routed[0].page
            return (page.pk, page.content_type_id, page.depth)

        found = cached(request, "route", (self.pk, tuple(path_components)), route_ids)
        if routed:
            return routed[0]
        page_id, type_id, depth = found
        page = ContentType.objects.get_for_id(type_id).get_object_for_this_type(pk=page_id)
        return page.route(request, list(path_components[depth - self.depth :]))

    def get_context(self, request, *args, **kwargs):
        from taxonomy.models import ActionField

        context = super().get_context(request, *args, **kwargs)
        # Querysets: read only when the template renders them, not when the page's content
        # comes from its kept {% fragment %}.
        context["action_fields"] = ActionField.objects.all()
        context["sections"] = viewable(self.get_children().live().in_menu(), request).specific()
        return context


class StandardPage(Page):
    """Plain content such as Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["werkstatt.HomePage", "werkstatt.StandardPage"]
    subpage_types = ["werkstatt.StandardPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Footer links every German public site needs, and where feedback goes."""

    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Impressum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Datenschutz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Barrierefreiheit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    feedback_email = models.EmailField(
        _("E-Mail für Rückmeldungen"), default="feedback@werkstatt.example.org"
    )
    operator = models.CharField(
        _("Betreiber"), max_length=200, default="Werkstatt – Netzwerk Demografie"
    )

    # Every page's footer links to these three: one query for the settings, not four.
    select_related = ["imprint_page", "privacy_page", "accessibility_page"]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Pflichtseiten"),
        ),
        FieldPanel("feedback_email"),
        FieldPanel("operator"),
    ]

    class Meta:
        verbose_name = _("Website-Einstellungen")


from .ratelimit import RateLimitHit  # noqa: E402, F401  (the model lives beside its limits)
