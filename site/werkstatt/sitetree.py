"""The site's page tree without content: what `setup_site` makes on a fresh database and what
the demo builds its content on (one code path for both).

Home page, the three legal pages (with marked placeholders the operator fills in), the
sections /werkzeuge/ and /projekte/, the default Wagtail site with its name and address from
the settings, the footer settings. /netzwerk/ and /suche/ are routes, not pages. Every
function is idempotent: a page is found by its slug and left as the editors made it.
"""

from django.conf import settings
from django.utils.html import escape
from wagtail.models import Page, Site

from .models import HomePage, SiteSettings, StandardPage
from .siteaddress import configured_host

# What the operator must replace before going live; `setup_site` names the pages that still
# contain it.
PLACEHOLDER_MARK = "[Bitte ergänzen:"


def placeholder(what):
    return f"<b>{PLACEHOLDER_MARK} {escape(what)}]</b>"


HOME_TITLE = "Werkstatt: Demografie gemeinsam gestalten"
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

# The enforcement procedure of the accessibility statement (BITV 2.0 § 7): public bodies of
# the Bund go to the federal Schlichtungsstelle (§ 16 BGG); a municipality or a Land body to
# the body its Land names (WERKSTATT_ENFORCEMENT_BODY = "land", the default).
ENFORCEMENT = {
    "bund": (
        "<p>Bleibt eine zufriedenstellende Antwort aus, können Sie ein Schlichtungsverfahren "
        "bei der Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG) "
        "beantragen. Sie hilft, Konflikte zwischen Menschen mit Behinderungen und "
        "öffentlichen Stellen des Bundes außergerichtlich zu lösen; das Verfahren ist "
        "kostenlos. Weitere Informationen: "
        '<a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a> '
        "(Schlichtungsstelle nach dem BGG bei dem Beauftragten der Bundesregierung für "
        "die Belange von Menschen mit Behinderungen, Mauerstraße 53, 10117 Berlin).</p>"
    ),
    "land": (
        "<p>Bleibt eine zufriedenstellende Antwort aus, können Sie sich an die Durchsetzungs- "
        "oder Schlichtungsstelle wenden, die das Land der Betreiberin für öffentliche Stellen "
        "der Länder und Kommunen eingerichtet hat; das Verfahren ist kostenlos. Zuständig ist: "
        + placeholder("Name, Anschrift und Website der Stelle nach dem Landesrecht")
        + "</p>"
    ),
}


def standard_pages():
    """(slug, title, intro, body) of the legal pages every German public site needs."""
    enforcement = ENFORCEMENT[settings.WERKSTATT_ENFORCEMENT_BODY]
    return [
        (
            "impressum",
            "Impressum",
            "Angaben gemäß § 5 DDG.",
            [
                ("heading", "Anbieter"),
                (
                    "text",
                    f"<p>{placeholder('Name der Betreiberin')}<br/>"
                    f"{placeholder('Straße und Hausnummer')}<br/>"
                    f"{placeholder('Postleitzahl und Ort')}</p>",
                ),
                ("heading", "Kontakt"),
                ("text", f"<p>E-Mail: {placeholder('E-Mail-Adresse der Redaktion')}</p>"),
                ("heading", "Verantwortlich für den Inhalt"),
                (
                    "text",
                    "<p>Die Redaktion der Werkstatt. Beiträge der Kommunen verantworten die "
                    f"jeweiligen Kommunen. {placeholder('Name der verantwortlichen Person')}</p>",
                ),
            ],
        ),
        (
            "datenschutz",
            "Datenschutzerklärung",
            "Wie wir mit personenbezogenen Daten umgehen.",
            [
                ("heading", "Verantwortliche Stelle"),
                (
                    "text",
                    f"<p>{placeholder('Name und Anschrift der Betreiberin, Kontakt der oder des Datenschutzbeauftragten')}</p>",
                ),
                ("heading", "Kontaktdaten im Netzwerkverzeichnis"),
                (
                    "text",
                    "<p>Wir veröffentlichen Kontaktdaten nur mit dokumentierter Einwilligung. "
                    "Jede Person entscheidet, ob ihre Angaben öffentlich, nur für angemeldete "
                    "Netzwerkmitglieder oder gar nicht sichtbar sind. Auskunft und Löschung "
                    "(Art. 15 und 17 DSGVO) erhalten Sie über die oben genannte Stelle.</p>",
                ),
                ("heading", "Keine Dienste Dritter"),
                (
                    "text",
                    "<p>Schriften, Skripte und Symbole liefern wir selbst aus. Es werden keine "
                    "Daten an andere Anbieter übertragen und keine Tracking-Cookies gesetzt. "
                    "Ein Sitzungscookie wird nur bei der Anmeldung gesetzt.</p>",
                ),
            ],
        ),
        (
            "barrierefreiheit",
            "Erklärung zur Barrierefreiheit",
            "Stand der Vereinbarkeit mit BITV 2.0 / WCAG 2.1 AA, bekannte Barrieren, Feedback "
            "und Schlichtung.",
            # Structure of the EU model statement (Durchführungsbeschluss (EU) 2018/1523) as
            # BITV 2.0 § 7 asks: status, known barriers, date and method, feedback, enforcement.
            [
                (
                    "text",
                    "<p>Die Betreiberin ist bemüht, diese Website im Einklang mit der "
                    "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und der EN 301 549 "
                    "(WCAG 2.1, Stufe AA) barrierefrei zugänglich zu machen. Die Erklärung gilt "
                    "für die öffentlichen Seiten, nicht für das Redaktionssystem.</p>",
                ),
                ("heading", "Stand der Vereinbarkeit mit den Anforderungen"),
                (
                    "text",
                    "<p>Diese Website ist wegen der unten genannten Ausnahmen <b>teilweise</b> "
                    "mit der BITV 2.0 vereinbar.</p>",
                ),
                ("heading", "Nicht barrierefreie Inhalte"),
                (
                    "text",
                    "<ul><li>Berichte der Kommunen als PDF sind teils nicht barrierefrei; "
                    "Kurzfassung und Kernaussagen stehen als Text auf der Seite.</li>"
                    "<li>Diagramme in Datenberichten sind Grafiken; alle Werte stehen "
                    "zusätzlich in der Tabelle und in der Beschreibung des Diagramms.</li>"
                    "<li>Breite Tabellen (Werkstattplan, Datenberichte) müssen auf kleinen "
                    "Bildschirmen seitlich gescrollt werden; die erste Spalte bleibt stehen.</li>"
                    "</ul>",
                ),
                ("heading", "Erstellung dieser Erklärung"),
                (
                    "text",
                    f"<p>Diese Erklärung wurde am {placeholder('Datum')} erstellt. Grundlage "
                    "ist eine Selbstbewertung: jede Seitenart wird automatisiert mit axe-core "
                    "bei 390, 768 und 1280 Pixel Breite geprüft, ergänzt um Prüfungen mit "
                    "Tastatur und ohne JavaScript.</p>",
                ),
                ("heading", "Feedback und Kontakt"),
                (
                    "text",
                    "<p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Melden Sie "
                    'sie über das <a href="/netzwerk/nachricht/">Formular „Nachricht '
                    "senden“</a> oder per E-Mail an "
                    f"{placeholder('E-Mail-Adresse für Rückmeldungen')}. Wir antworten "
                    "innerhalb von zwei Wochen.</p>",
                ),
                ("heading", "Schlichtungsverfahren"),
                ("text", enforcement),
            ],
        ),
    ]


def section_pages():
    """(slug, model, fields) of the content sections below the home page, in menu order."""
    from catalogue.models import CatalogueSectionPage
    from projects.models import ProjectIndexPage

    return [
        (
            "werkzeuge",
            CatalogueSectionPage,
            {
                "title": "Werkzeuge",
                "intro": (
                    "<p>Werkzeuge sind erprobte oder geplante Maßnahmen, mit denen Kommunen den "
                    "demografischen Wandel gestalten: <b>bestehende</b> (blau) lassen sich "
                    "ausbauen, <b>neue</b> (grün) sollen geschaffen werden. Hier finden Sie "
                    "Werkzeugkataloge mit ihren Zukunftsbildern und die Werkstattpläne der "
                    "Kommunen.</p>"
                ),
            },
        ),
        (
            "projekte",
            ProjectIndexPage,
            {
                "title": "Projekte und Berichte",
                "intro": (
                    "Wie Kommunen vorgegangen sind: Fallbeispiele mit ihren Phasen und "
                    "Arbeitsgruppen, veröffentlichte Berichte und kleinräumige Datenberichte."
                ),
            },
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


def ensure_home(stdout):
    """The home page, the default site on it (name and address from the settings) and the
    legal pages linked from every footer."""
    home = get_home()
    if home is None:
        home = HomePage(title=HOME_TITLE, slug="start", intro=HOME_INTRO, body=HOME_BODY)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        stdout.write("  Startseite angelegt")
    hostname, port = configured_host()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page = hostname, port, home
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.save()
    # Wagtail's placeholder page ("Welcome to your new Wagtail site!") is not ours.
    Page.objects.filter(depth=2).exclude(pk=home.pk).filter(title__startswith="Welcome").delete()

    pages = {}
    for slug, title, intro, body in standard_pages():
        pages[slug], created = ensure_child(
            home, StandardPage, slug, title=title, intro=intro, body=body, show_in_menus=False
        )
        if created:
            stdout.write(f"  Seite „{title}“ angelegt")
    footer = SiteSettings.for_site(site)
    footer.imprint_page = footer.imprint_page or pages["impressum"]
    footer.privacy_page = footer.privacy_page or pages["datenschutz"]
    footer.accessibility_page = footer.accessibility_page or pages["barrierefreiheit"]
    footer.save()
    return home


def ensure_section(slug, stdout):
    """The section page `slug` ("werkzeuge", "projekte") below the home page."""
    _slug, model, fields = next(entry for entry in section_pages() if entry[0] == slug)
    home = get_home()
    section = home.get_children().type(model).specific().first()
    if section is not None:
        return section
    section, _created = ensure_child(home, model, slug, show_in_menus=True, **fields)
    stdout.write(f"  Bereich „{section.title}“ angelegt")
    return section


def ensure_tree(stdout):
    """Everything above: the page tree of a site without content."""
    home = ensure_home(stdout)
    for slug, _model, _fields in section_pages():
        ensure_section(slug, stdout)
    return home


def pages_with_placeholders():
    """Live pages whose text still holds a placeholder for the operator."""
    return [
        page
        for page in StandardPage.objects.live().order_by("path")
        if PLACEHOLDER_MARK in str(page.body) or PLACEHOLDER_MARK in page.intro
    ]
