"""Admin URLs that replace Wagtail's site history by its scoped version (`admin_reports`).

Included in front of Wagtail's admin URLs, so the same paths (and Wagtail's URL names, which
resolve to them) reach the scoped views.
"""

from django.urls import path

from .admin_reports import ScopedSiteHistoryView

urlpatterns = [
    path("admin/reports/site-history/", ScopedSiteHistoryView.as_view()),
    path("admin/reports/site-history/results/", ScopedSiteHistoryView.as_view(results_only=True)),
]
