"""URL map: Django views of the apps first, then Wagtail serves the page tree."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from werkstatt import accounts, errors, health, lockout, sitemaps

urlpatterns = [
    # Scoped versions of Wagtail's cross-model reports come first (network.admin_urls).
    path("", include("network.admin_urls")),
    # Wagtail's reset form with the members' queue and limits (werkstatt.accounts).
    path(
        "admin/password_reset/",
        accounts.AdminPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password forms under the login lock (werkstatt.lockout.under_lockout).
    path(
        "dokumente/authenticate_with_password/<int:restriction_id>/",
        lockout.under_lockout("sammlung", wagtaildocs_serve.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        lockout.under_lockout("seite", wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    path("dokumente/", include(wagtaildocs_urls)),
    path(
        "anmelden/",
        auth_views.LoginView.as_view(template_name="werkstatt/login.html"),
        name="login",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset for members: the same answer for known and unknown addresses (no
    # enumeration); the link is tied to the password hash, so it works exactly once.
    path(
        "anmelden/passwort-vergessen/",
        accounts.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "anmelden/passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="werkstatt/konto/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "anmelden/neues-passwort/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "anmelden/neues-passwort/fertig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="werkstatt/konto/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    # Each app owns its own URLs (its prefix is in its urls.py): /suche/, /api/v1/, /netzwerk/, ...
    path("", include("taxonomy.urls")),
    path("", include("search.urls")),
    path("", include("network.urls")),
    path("", include("catalogue.urls")),
    path("", include("projects.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents always go through Wagtail's view, which enforces collection
    # privacy (data tables with small counts live in a private collection).
    for folder in ("images/", "original_images/"):
        urlpatterns += static(
            settings.MEDIA_URL + folder, document_root=settings.MEDIA_ROOT / folder
        )

urlpatterns += [
    # Below /api/ nothing is a page: what no app's route matched is a JSON 404 (no HTML page).
    re_path(r"^api/", errors.api_not_found),  # any rest, even with a line break in it
    path("", include(wagtail_urls)),
]

# A database that is down answers a styled 503 (werkstatt.errors), other errors the 500 page.
handler500 = "werkstatt.errors.server_error"
