"""The directory API as /api/v1/schema/ describes it: real answers of every documented operation
validate against the schema, and what the schema allows is never refused."""

import pytest
from django.test import Client
from django.urls import reverse
from jsonschema import Draft202012Validator

pytestmark = pytest.mark.django_db


def _check(schema, path, response):
    documented = schema["paths"][path]["get"]["responses"].get(str(response.status_code))
    assert documented, f"{path}: HTTP {response.status_code} is not documented"
    body = documented["content"]["application/json"]["schema"]
    errors = [e.message for e in Draft202012Validator(body).iter_errors(response.json())]
    assert not errors, f"{path}: {errors[:3]}"
    return response.json()


def _valid_parameter(schema, path, name, value):
    parameter = next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name)
    return Draft202012Validator(parameter["schema"]).is_valid(value)


@pytest.mark.parametrize("signed_in", [False, True])
def test_directory_endpoints_answer_as_documented(directory, member, signed_in):
    client = Client()
    if signed_in:
        client.force_login(member)
    schema = client.get("/api/v1/schema/").json()
    lists = [
        "/api/v1/netzwerk/kontakte/",
        "/api/v1/netzwerk/kommunen/",
        "/api/v1/netzwerk/organisationen/",
        "/api/v1/netzwerk/gremien/",
    ]
    calls = [
        ({}, 200),
        ({"q": "Martin"}, 200),
        ({"q": "  Martin \x01"}, 200),  # schema-valid: control characters other than NUL
        ({"handlungsfeld": "gibt-es-nicht"}, 200),  # schema-valid slug that names nothing
        ({"region": "00"}, 200),
        ({"region": "05", "seite": 1}, 200),
        ({"seite": 10000}, 200),
        ({"region": "5"}, 400),
        ({"q": "x" * 201}, 400),
        ({"q": "a\x00b"}, 400),
        ({"handlungsfeld": "Groß"}, 400),
        ({"seite": 0}, 400),
    ]
    for path in lists:
        for params, status in calls:
            response = client.get(path, params)
            assert response.status_code == status, (path, params, response.content[:200])
            _check(schema, path, response)
            schema_valid = all(
                _valid_parameter(schema, path, name, value) for name, value in params.items()
            )
            assert schema_valid == (status == 200), (path, params)
    for path, kinds in (
        ("/api/v1/netzwerk/organisationen/", ("stabsstelle", "quatsch")),
        ("/api/v1/netzwerk/gremien/", ("beirat", "quatsch")),
    ):
        for value in kinds:
            response = client.get(path, {"art": value})
            _check(schema, path, response)
            valid = _valid_parameter(schema, path, "art", value)
            assert response.status_code == (200 if valid else 400), (path, value)
        assert client.get(path).json()["anzahl"] > 0
    for path in lists:  # the one error format of the read APIs, also for an unknown parameter
        response = client.get(path, {"sortierung": "name"})
        assert response.status_code == 400
        assert _check(schema, path, response)["parameter"] == "sortierung"
    listed = client.get(lists[0]).json()["ergebnisse"]
    assert listed
    detail = "/api/v1/netzwerk/kontakte/{id}/"
    person = _check(
        schema, detail, client.get(reverse("network:api_contact", kwargs={"pk": listed[0]["id"]}))
    )
    assert person["name"] == listed[0]["name"]
    hidden = directory["hidden"]
    _check(schema, detail, client.get(reverse("network:api_contact", kwargs={"pk": hidden.pk})))
