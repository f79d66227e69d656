"""Demo site tree: home page, the legally required pages, site settings.

Key concepts: `load_demo` calls `load(stdout)` of each installed app's `demo` module in
INSTALLED_APPS order, so every app extends the demo with its own content. Each `load` must be
idempotent (get-or-create on a stable key) and report progress.
"""

from wagtail.models import Page, Site

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
                "<p>Werkstatt – Netzwerk Demografie (Demonstrationsinstanz)<br/>Musterstraße 1<br/>12345 Musterstadt</p>",
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
        "Stand der Vereinbarkeit mit BITV 2.0 / WCAG 2.1 AA, bekannte Barrieren, Feedback und Schlichtung.",
        # Structure of the EU model statement (Durchführungsbeschluss (EU) 2018/1523) as BITV 2.0
        # § 7 asks: status, known barriers, date and method, feedback, enforcement.
        [
            (
                "text",
                "<p>Die Betreiberin ist bemüht, diese Website im Einklang mit der "
                "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und der EN 301 549 "
                "(WCAG 2.1, Stufe AA) barrierefrei zugänglich zu machen. Die Erklärung gilt für "
                "die öffentlichen Seiten, nicht für das Redaktionssystem.</p>",
            ),
            ("heading", "Stand der Vereinbarkeit mit den Anforderungen"),
            (
                "text",
                "<p>Diese Website ist wegen der unten genannten Ausnahmen <b>teilweise</b> mit der "
                "BITV 2.0 vereinbar.</p>",
            ),
            ("heading", "Nicht barrierefreie Inhalte"),
            (
                "text",
                "<ul><li>Berichte der Kommunen als PDF sind teils nicht barrierefrei; "
                "Kurzfassung und Kernaussagen stehen als Text auf der Seite.</li>"
                "<li>Diagramme in Datenberichten sind Grafiken; alle Werte stehen zusätzlich in "
                "der Tabelle und in der Beschreibung des Diagramms.</li>"
                "<li>Breite Tabellen (Werkstattplan, Datenberichte) müssen auf kleinen "
                "Bildschirmen seitlich gescrollt werden; die erste Spalte bleibt stehen.</li>"
                "</ul>",
            ),
            ("heading", "Erstellung dieser Erklärung"),
            (
                "text",
                "<p>Diese Erklärung wurde am 30. November 2026 erstellt. Grundlage ist eine "
                "Selbstbewertung: jede Seitenart wird automatisiert mit axe-core bei 390, 768 und "
                "1280 Pixel Breite geprüft, ergänzt um Prüfungen mit Tastatur und ohne "
                "JavaScript. Die Erklärung wurde zuletzt am 30. November 2026 überprüft.</p>",
            ),
            ("heading", "Feedback und Kontakt"),
            (
                "text",
                "<p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Melden Sie sie über "
                'das <a href="/netzwerk/nachricht/">Formular „Nachricht senden“</a> oder per E-Mail an '
                '<a href="mailto:feedback@werkstatt.example.org">feedback@werkstatt.example.org</a>. '
                "Wir antworten innerhalb von zwei Wochen.</p>",
            ),
            ("heading", "Schlichtungsverfahren"),
            (
                "text",
                "<p>Bleibt eine zufriedenstellende Antwort aus, können Sie ein Schlichtungsverfahren "
                "bei der Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG) "
                "beantragen. Sie hilft, Konflikte zwischen Menschen mit Behinderungen und "
                "öffentlichen Stellen des Bundes außergerichtlich zu lösen; das Verfahren ist "
                "kostenlos. Weitere Informationen: "
                '<a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a> '
                "(Schlichtungsstelle nach dem BGG bei dem Beauftragten der Bundesregierung für "
                "die Belange von Menschen mit Behinderungen, Mauerstraße 53, 10117 Berlin).</p>",
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
    """The tree root that Wagtail's migrations create (regions and vocabularies come from ours)."""
    return Page.get_first_root_node()


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
