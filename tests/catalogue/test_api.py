"""/api/v1/werkzeuge/ and /api/v1/zukunftsbilder/: every documented operation answers what
/api/v1/schema/ says (checked with jsonschema against real responses), schema-valid values are
never refused, undeclared methods get 405, GETs carry CORS, restricted tools stay out."""

import pytest
from django.test import Client
from jsonschema import Draft202012Validator

from catalogue.models import FutureVision, ToolPage
from taxonomy.models import ActionField

from .test_opendata import SECRET, world  # noqa: F401 (the shared fixture)

pytestmark = pytest.mark.django_db

PATHS = ("/api/v1/werkzeuge/", "/api/v1/werkzeuge/{id}/", "/api/v1/zukunftsbilder/")


@pytest.fixture
def schema(world):  # noqa: F811
    FutureVision.objects.create(
        catalogue=world["catalogue"],
        action_field=ActionField.objects.get(slug="bildung"),
        text="<p>Lernen ein Leben lang.</p>",
    )
    return Client().get("/api/v1/schema/").json()


def _check(schema, path, response):
    operation = schema["paths"][path]["get"]
    documented = operation["responses"].get(str(response.status_code))
    assert documented, f"{path}: HTTP {response.status_code} is not documented"
    body_schema = documented["content"]["application/json"]["schema"]
    errors = sorted(Draft202012Validator(body_schema).iter_errors(response.json()), key=str)
    assert not errors, f"{path}: {[e.message for e in errors][:3]}"
    return response.json()


def test_every_documented_operation_answers_as_documented(schema, world):  # noqa: F811
    client = Client()
    for path in PATHS:
        assert path in schema["paths"], path
    tool = world["tool"]
    calls = [
        ("/api/v1/werkzeuge/", {}),
        ("/api/v1/werkzeuge/", {"handlungsfeld": tool.primary_action_field.slug}),
        ("/api/v1/werkzeuge/", {"status": "neu", "praxisbeispiel": "nein"}),
        ("/api/v1/werkzeuge/", {"zielgruppe": "ehrenamtliche", "region": "05"}),
        ("/api/v1/werkzeuge/", {"region": "05358", "seite": "1"}),
        ("/api/v1/werkzeuge/", {"region": "00"}),  # matches the pattern: no hits, no error
        ("/api/v1/werkzeuge/", {"handlungsfeld": "gibt-es-nicht"}),
        ("/api/v1/werkzeuge/", {"seite": "10000"}),
        ("/api/v1/werkzeuge/", {"region": "5"}),  # 400 as documented
        ("/api/v1/werkzeuge/", {"unbekannt": "1"}),
        ("/api/v1/werkzeuge/", {"status": "alt"}),
        ("/api/v1/werkzeuge/", {"seite": "0"}),
        ("/api/v1/zukunftsbilder/", {}),
        ("/api/v1/zukunftsbilder/", {"x": "1"}),
    ]
    statuses = {}
    for path, params in calls:
        response = client.get(path, params)
        assert response["Access-Control-Allow-Origin"] == "*"
        _check(schema, path, response)
        statuses[(path, tuple(sorted(params.items())))] = response.status_code
    assert sorted(set(statuses.values())) == [200, 400]
    assert statuses[("/api/v1/werkzeuge/", (("region", "00"),))] == 200

    listed = _check(schema, "/api/v1/werkzeuge/", client.get("/api/v1/werkzeuge/"))
    public = ToolPage.objects.live().public()
    assert listed["anzahl"] == public.count() == len(listed["ergebnisse"])
    assert SECRET not in [r["titel"] for r in listed["ergebnisse"]]
    in_dueren = client.get("/api/v1/werkzeuge/", {"region": "05358"}).json()
    assert in_dueren["anzahl"] == listed["anzahl"]  # own region or the catalogue's
    assert client.get("/api/v1/werkzeuge/", {"region": "06"}).json()["anzahl"] == 0

    one = _check(schema, "/api/v1/werkzeuge/{id}/", client.get(f"/api/v1/werkzeuge/{tool.pk}/"))
    assert one["titel"] == tool.title and one["region"]["ags"] == "05358"
    secret = ToolPage.objects.get(title=SECRET)
    for pk in (secret.pk, 3_000_000_000, 2**63 - 1):  # beyond a Page id column: still a 404
        missing = client.get(f"/api/v1/werkzeuge/{pk}/")
        assert missing.status_code == 404
        _check(schema, "/api/v1/werkzeuge/{id}/", missing)

    visions = _check(schema, "/api/v1/zukunftsbilder/", client.get("/api/v1/zukunftsbilder/"))
    assert [v["handlungsfeld"] for v in visions["ergebnisse"]] == ["Bildung"]


def test_undeclared_methods_answer_405_not_403(world):  # noqa: F811
    client = Client(enforce_csrf_checks=True)
    tool = world["tool"]
    for path in ("/api/v1/werkzeuge/", f"/api/v1/werkzeuge/{tool.pk}/", "/api/v1/zukunftsbilder/"):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(path)
            assert response.status_code == 405, (path, method)
            assert response["Allow"] == "GET, HEAD"
        assert client.head(path).status_code == 200
