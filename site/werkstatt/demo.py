"""Demo site tree: home page, the legally required pages, site settings.

Key concepts: `load_demo` calls `load(stdout)` of each installed app's `demo` module in
INSTALLED_APPS order, so every app extends the demo with its own content. Each `load` must be
idempotent (get-or-create on a stable key) and report progress.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .models import HomePage, SiteSettings, StandardPage

HOME_INTRO = (
    "Werkstatt bündelt, was Kommunen im demografischen Wandel erarbeitet haben: Werkzeuge mit "
    "Zukunftsbildern, Werkstattpläne, Projektberichte, Datenberichte und die Menschen, die man "
    "dazu fragen kann."
)
HOME_BODY = (
    "<p>Viele Kommunen haben Kommunalprofile erstellt, Handlungsfelder ausgewählt und Werkzeuge "
    "erprobt, etwa in der <b>Demografiewerkstatt Kommunen</b> oder in den Zukunftswerkstätten. "
    "Bisher steckt dieses Wissen in PDF-Dateien und Tabellen. Hier ist es durchsuchbar: nach "
    "Handlungsfeld, Region, Zielgruppe und Stichwort.</p>"
)

STANDARD_PAGES = [
    (
        "impressum",
        "Impressum",
        "Angaben gemäß § 5 DDG.",
        [
            ("heading", "Anbieter"),
            (
                "text",
                "<p>Werkstatt – Netzwerk Demografie (Demonstrationsinstanz)<br>Musterstraße 1<br>12345 Musterstadt</p>",
            ),
            ("heading", "Kontakt"),
            ("text", "<p>E-Mail: feedback@werkstatt.example.org</p>"),
            ("heading", "Verantwortlich für den Inhalt"),
            (
                "text",
                "<p>Die Redaktion der Werkstatt. Beiträge der Kommunen verantworten die jeweiligen Kommunen.</p>",
            ),
        ],
    ),
    (
        "datenschutz",
        "Datenschutzerklärung",
        "Wie wir mit personenbezogenen Daten umgehen.",
        [
            ("heading", "Kontaktdaten im Netzwerkverzeichnis"),
            (
                "text",
                "<p>Wir veröffentlichen Kontaktdaten nur mit dokumentierter Einwilligung. Jede Person "
                "entscheidet, ob ihre Angaben öffentlich, nur für angemeldete Netzwerkmitglieder "
                "oder gar nicht sichtbar sind. Auskunft und Löschung (Art. 15 und 17 DSGVO) "
                "erhalten Sie über die unten genannte Adresse.</p>",
            ),
            ("heading", "Keine Dienste Dritter"),
            (
                "text",
                "<p>Schriften, Skripte und Symbole liefern wir selbst aus. Es werden keine Daten an "
                "andere Anbieter übertragen und keine Tracking-Cookies gesetzt. Ein Sitzungscookie "
                "wird nur bei der Anmeldung gesetzt.</p>",
            ),
        ],
    ),
    (
        "barrierefreiheit",
        "Erklärung zur Barrierefreiheit",
        "Stand der Vereinbarkeit mit BITV 2.0 / WCAG 2.1 AA.",
        [
            (
                "text",
                "<p>Diese Website soll die Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA) erfüllen. "
                "Jede Seitenart wird automatisiert mit axe-core geprüft. Farben tragen nie allein "
                "Bedeutung: der Status eines Werkzeugs steht immer auch in Worten da.</p>",
            ),
            ("heading", "Barrieren melden"),
            (
                "text",
                "<p>Wenn Sie auf Barrieren stoßen, schreiben Sie uns an "
                "feedback@werkstatt.example.org. Wir antworten innerhalb von zwei Wochen.</p>",
            ),
            ("heading", "Schlichtungsverfahren"),
            (
                "text",
                "<p>Bleibt eine Antwort aus, können Sie sich an die Schlichtungsstelle nach § 16 BGG wenden.</p>",
            ),
        ],
    ),
]


def get_home():
    return HomePage.objects.first()


def ensure_child(parent, model, slug, relations=None, tags=(), **fields):
    """Get a child page by slug or create it published with a revision, with its inline
    relations (name -> objects) and tags."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    for name, items in (relations or {}).items():
        setattr(page, name, items)
    parent.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    page.save_revision().publish()
    return page, True


def ensure_base_data():
    """The tree root, vocabularies and regions that migrations create (tests may have flushed them)."""
    from taxonomy.models import ActionField, Region, TargetGroup
    from taxonomy.regions import load_shipped_regions
    from taxonomy.vocabulary import seed_vocabulary

    if not Region.objects.exists():
        load_shipped_regions()
    if not ActionField.objects.exists():
        seed_vocabulary(ActionField, TargetGroup)
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def load(stdout):
    root = ensure_base_data()
    home = get_home()
    if home is None:
        home = HomePage(
            title="Werkstatt: Demografie gemeinsam gestalten",
            slug="start",
            intro=HOME_INTRO,
            body=HOME_BODY,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        stdout.write("  Startseite angelegt")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Werkstatt",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Werkstatt"
        site.save()
    # Wagtail's placeholder page ("Welcome to your new Wagtail site!") is not ours.
    Page.objects.filter(depth=2).exclude(pk=home.pk).filter(title__startswith="Welcome").delete()

    pages = {}
    for slug, title, intro, body in STANDARD_PAGES:
        pages[slug], created = ensure_child(
            home, StandardPage, slug, title=title, intro=intro, body=body, show_in_menus=False
        )
        if created:
            stdout.write(f"  Seite „{title}“ angelegt")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.imprint_page = pages["impressum"]
    settings.privacy_page = pages["datenschutz"]
    settings.accessibility_page = pages["barrierefreiheit"]
    settings.save()
