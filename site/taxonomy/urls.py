"""URLs of the taxonomy app."""

from django.urls import path

from . import views

urlpatterns = [path("handlungsfelder.css", views.action_field_css, name="action_field_css")]
