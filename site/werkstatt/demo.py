"""Demo site tree: home page, the legally required pages, site settings.

Key concepts: `load_demo` calls `load(stdout)` of each installed app's `demo` module in
INSTALLED_APPS order, so every app extends the demo with its own content. Each `load` must be
idempotent (get-or-create on a stable key) and report progress.
"""

from .sitetree import ensure_child, ensure_home, get_home

__all__ = ["ensure_child", "get_home", "load"]


def load(stdout):
    """The home page, the legal pages and the site (werkstatt.sitetree, as setup_site makes
    them); the other apps' demo modules add their sections and content on top."""
    ensure_home(stdout)


# Accounts to look at the demo as each role (`make run` only: created when
# WERKSTATT_DEMO_ACCOUNTS is on, as in the dev and test settings, never by setup_site or in
# production). Everyone can read this password: never load them into a real site.
DEMO_PASSWORD = "werkstatt-demo"  # noqa: S105
DEMO_ACCOUNTS = [
    # username, what the account is for, central group / members group / municipality slug
    ("demo-redaktion", "zentrale Redaktion: prüft, gibt frei, bearbeitet alles", "central"),
    (
        "demo-dueren",
        "Redaktion Kreis Düren: eigene Seiten und Kontakte, reicht ein",
        "kreis-dueren",
    ),
    ("demo-mitglied", "Netzwerkmitglied: sieht Kontakte „nur Mitglieder“", "members"),
]


def ensure_accounts():
    """The demo accounts with the known password; returns (username, role) per account."""
    from django.contrib.auth.models import Group, User

    from network.models import Municipality
    from network.role_setup import grant_editor
    from network.roles import CENTRAL_GROUP, MEMBERS_GROUP

    made = []
    for username, role, where in DEMO_ACCOUNTS:
        user, _created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@werkstatt.example.org"}
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        if where == "central":
            user.groups.add(Group.objects.get(name=CENTRAL_GROUP))
        elif where == "members":
            user.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
        else:
            grant_editor(user, Municipality.objects.get(slug=where))
        made.append((username, role))
    return made
