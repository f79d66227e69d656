"""A URL whose view fails: what a server error looks like to the log and the operators."""

from django.urls import path


def failing(request):
    raise RuntimeError("Absichtlicher Fehler für den Logging-Test")


urlpatterns = [path("kaputt/", failing)]
