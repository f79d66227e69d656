"""The directory API offers GET and HEAD only: other methods get 405 (not CSRF's 403), GETs CORS."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_directory_api_answers_405_to_other_methods_and_cors_to_gets(directory):
    client = Client(enforce_csrf_checks=True)
    paths = [
        "/api/v1/netzwerk/kontakte/",
        "/api/v1/netzwerk/kommunen/",
        "/api/v1/netzwerk/organisationen/",
        "/api/v1/netzwerk/gremien/",
        reverse("network:api_contact", kwargs={"pk": directory["public"].pk}),
    ]
    for path in paths:
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(path)
            assert response.status_code == 405, (path, method)
            assert response["Allow"] == "GET, HEAD"
        response = client.get(path)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "private" in response["Cache-Control"]  # still never kept by a shared cache
    bad = client.get("/api/v1/netzwerk/kontakte/", {"handlungsfeld": "Groß"})
    assert bad.status_code == 400 and bad["Access-Control-Allow-Origin"] == "*"
