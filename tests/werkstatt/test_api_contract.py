"""The whole read API against its one OpenAPI document, on the demo.

- Every /api/v1/ route of the URL map is in /api/v1/schema/ and every documented path is a
  route (an undocumented endpoint fails here).
- Every documented operation, called anonymously and as a member, with no filter and with each
  declared parameter, answers a documented status whose body validates against the schema
  (the paths are read from the schema, so a new endpoint is covered without editing this file;
  a parameter without a sample below fails until one is added).
- Undeclared methods answer 405 with `Allow`, before CSRF could answer 403.
- Schemathesis runs over the whole schema with all its checks (schema-valid requests accepted,
  schema-violating ones refused, statuses, content types, headers, bodies, undeclared methods)
  in this process through the WSGI app, with a fixed seed and a few examples per operation,
  and finds nothing. The same run by hand against a server: see README („API prüfen“).
"""

import re

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from jsonschema import Draft202012Validator

from werkstatt.numbers import MAX_ID

from .test_query_counts import demo, world  # noqa: F401 (the module's demo, rolled back after)

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 8  # per operation and phase: the run stays well under a minute
SEED = 20261130


def _samples():
    """A value of each parameter that real records match (vocabulary values are read from the
    demo, so the filtered answers are not all empty)."""
    from projects.models import ProjectPage
    from taxonomy.models import ActionField, TargetGroup

    project = ProjectPage.objects.live().filter(region__isnull=False).order_by("path").first()
    return {
        "q": "Pflege",
        "handlungsfeld": ActionField.objects.order_by("sort_order").first().slug,
        "zielgruppe": TargetGroup.objects.order_by("pk").first().slug,
        "region": project.region.code[:5],
        "jahr": "2020",
        "schlagwort": "Ehrenamt",
        "seite": 1,
        "aehnlich": "luedenscheid",  # a municipality of the demo
    }


def _value(parameter, samples):
    schema = parameter["schema"]
    single = schema.get("items", schema)
    if "enum" in single:
        value = single["enum"][0]
    else:
        assert parameter["name"] in samples, f"kein Beispielwert für „{parameter['name']}“"
        value = samples[parameter["name"]]
    value = [value] if schema.get("type") == "array" else value
    assert Draft202012Validator(schema).is_valid(value), (parameter["name"], value)
    return value


def _check(operation, path, response):
    documented = operation["responses"].get(str(response.status_code))
    assert documented, f"{path}: HTTP {response.status_code} ist nicht beschrieben"
    assert response["Content-Type"] == "application/json", path
    body = documented["content"]["application/json"]["schema"]
    errors = sorted(Draft202012Validator(body).iter_errors(response.json()), key=str)
    assert not errors, f"{path}: {[e.message for e in errors][:3]}"
    return response.json()


def _resolve(schema_document):
    """Local `$ref`s replaced by what they name (the search's components), for jsonschema."""

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                name = node["$ref"].rsplit("/", 1)[-1]
                return walk(schema_document["components"]["schemas"][name])
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(schema_document["paths"])


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def test_every_api_route_is_documented_and_every_documented_path_is_a_route(world):  # noqa: F811
    documented = set(Client().get("/api/v1/schema/").json()["paths"])
    routes = {
        "/" + re.sub(r"<[^>]+>", "{id}", route)
        for route in _routes(get_resolver().url_patterns)
        if route.startswith("api/v1/")
    }
    assert routes - {"/api/v1/schema/"} == documented


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonym", "mitglied"])
def test_every_documented_operation_answers_as_documented(world, member, signed_in):  # noqa: F811
    client = Client()
    if signed_in:
        client.force_login(member)
    paths = _resolve(client.get("/api/v1/schema/").json())
    samples = _samples()
    first_ids = {}
    for path, item in sorted(paths.items()):  # a list comes before its /{id}/
        operation = item["get"]
        assert set(item) == {"get"}, f"{path}: nur GET ist angeboten"
        if "{id}" in path:
            listed = first_ids.get(path.replace("{id}/", ""))
            assert listed, f"{path}: die Liste dazu hat keine Einträge"
            one = _check(operation, path, client.get(path.replace("{id}", str(listed))))
            assert one["id"] == listed
            _check(operation, path, client.get(path.replace("{id}", str(MAX_ID))))
            continue
        calls = [{}] + [{p["name"]: _value(p, samples)} for p in operation.get("parameters", [])]
        for params in calls:
            response = client.get(path, params)
            assert response.status_code == 200, (path, params, response.content[:300])
            body = _check(operation, path, response)
            if params == {} and isinstance(body.get("ergebnisse"), list) and body["ergebnisse"]:
                first_ids[path] = body["ergebnisse"][0].get("id")


def test_undeclared_methods_answer_405_with_allow(world):  # noqa: F811
    client = Client(enforce_csrf_checks=True)
    for path in Client().get("/api/v1/schema/").json()["paths"]:
        url = path.replace("{id}", "1")
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url)
            assert response.status_code == 405, (path, method, response.status_code)
            assert response["Allow"] == "GET, HEAD", path


@pytest.fixture
def shared_connection():
    """Schemathesis calls the WSGI app from its worker thread: let that thread use this test's
    connection (inside the demo's transaction) and keep Django from closing it after each
    request, as Django's own test client does."""
    from django.db import connections

    main = connections["default"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    main.inc_thread_sharing()
    handler = WSGIHandler()

    def app(environ, start_response):
        connections["default"] = main
        return handler(environ, start_response)

    try:
        yield app
    finally:
        main.dec_thread_sharing()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_schemathesis_finds_no_failure_in_the_whole_schema(world, shared_connection):  # noqa: F811
    import schemathesis
    from schemathesis.config import SchemathesisConfig
    from schemathesis.engine import Status, events, from_schema

    config = SchemathesisConfig.from_dict(
        {"seed": SEED, "workers": 1, "generation": {"max-examples": MAX_EXAMPLES}}
    )
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", shared_connection, config=config)
    failures, errors, operations = [], [], set()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            operations.add(event.recorder.label)
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.status == Status.FAILURE:
                        case = event.recorder.cases[case_id].value
                        failures.append(
                            f"{event.recorder.label}: {check.name} {case.as_curl_command()}"
                        )
        elif isinstance(event, events.NonFatalError | events.FatalError):
            errors.append(str(getattr(event, "info", event)))
    assert not errors, errors[:3]
    assert not failures, sorted(set(failures))[:10]
    documented = Client().get("/api/v1/schema/").json()["paths"]
    assert operations >= {f"GET {path}" for path in documented}
