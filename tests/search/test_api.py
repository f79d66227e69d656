"""JSON API /api/v1/suche/, suggestions, schema, and bad input on both endpoints (never a 5xx)."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.contract import FACETS


def test_api_has_the_page_structure(client, corpus):
    data = client.get(
        "/api/v1/suche/", {"handlungsfeld": "mobilitaet-und-nahversorgung", "region": "05"}
    ).json()
    assert data["total"] == 2
    assert data["backend"] == "database"
    assert data["selected"] == {"handlungsfeld": ["mobilitaet-und-nahversorgung"], "region": ["05"]}
    assert {h["title"] for h in data["hits"]} == {
        "Bürgerbus organisieren",
        "Sicherer Radweg zur Schule",
    }
    assert list(data["facets"]) == list(FACETS)
    hf = {b["value"]: b for b in data["facets"]["handlungsfeld"]["buckets"]}
    assert hf["mobilitaet-und-nahversorgung"] == {
        "value": "mobilitaet-und-nahversorgung",
        "label": "Mobilität & Nahversorgung",
        "count": 2,
        "selected": True,
        "level": 0,
        "parent": None,
    }
    assert hf["buergerbeteiligung-und-engagement"]["count"] == 1
    regions = {
        b["value"]: (b["count"], b["level"], b["parent"])
        for b in data["facets"]["region"]["buckets"]
    }
    assert regions["05962"] == (1, 1, "05")
    hit = next(h for h in data["hits"] if h["title"] == "Bürgerbus organisieren")
    assert hit["action_field"] == {
        "slug": "mobilitaet-und-nahversorgung",
        "name": "Mobilität & Nahversorgung",
        "colour": "#0f6674",
    }
    assert hit["date"] == "2023-05-10"
    assert hit["kind_label"] == "Werkzeug"
    assert hit["title_highlight"] == ""  # no words searched
    hit = client.get("/api/v1/suche/", {"q": "Bürgerbus"}).json()["hits"][0]
    assert hit["title_highlight"] == "<mark>Bürgerbus</mark> organisieren"


def test_api_sort_and_pages(client, corpus):
    data = client.get("/api/v1/suche/?sortierung=titel&seite=1").json()
    assert data["hits"][0]["title"] == "Bürgerbus organisieren"
    assert data["pages"] == 1
    beyond = client.get("/api/v1/suche/?seite=2")  # schema-valid: no error, no hits
    assert beyond.status_code == 200
    assert beyond.json()["hits"] == [] and beyond.json()["pages"] == 1
    error = client.get("/api/v1/suche/?seite=501")
    assert error.status_code == 400
    assert error.json()["error"]["parameter"] == "seite"


def test_api_errors_are_json(client, corpus):
    response = client.get("/api/v1/suche/?_connector=OR")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["message"] == "Unbekannter Suchparameter „_connector“."
    assert client.get("/api/v1/suche/?alle=art").status_code == 400  # page-only parameter


def test_api_members_only_for_members(client, corpus, member):
    assert client.get("/api/v1/suche/?q=Erika").json()["total"] == 0
    client.force_login(member)
    assert client.get("/api/v1/suche/?q=Erika").json()["total"] == 1


def test_suggestions(client, corpus):
    assert client.get("/api/v1/suche/vorschlaege/?q=B%C3%BCrg").json() == {
        "q": "Bürg",
        "suggestions": ["Bürgerbus organisieren"],
    }
    assert client.get("/api/v1/suche/vorschlaege/?q=").json()["suggestions"] == []
    assert client.get("/api/v1/suche/vorschlaege/?q=a&q=b").status_code == 400
    assert client.get("/api/v1/suche/vorschlaege/?art=werkzeug").status_code == 400
    assert client.get("/api/v1/suche/vorschlaege/?q=%00").status_code == 400


def test_schema_documents_the_endpoints(client, db):
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.")
    params = [p["name"] for p in schema["paths"]["/api/v1/suche/"]["get"]["parameters"]]
    assert params == ["q", *FACETS, "sortierung", "uebergeordnet", "aehnlich", "seite"]
    assert "/api/v1/suche/vorschlaege/" in schema["paths"]
    assert schema["components"]["schemas"]["SearchResponse"]["required"] == [
        "total",
        "hits",
        "facets",
        "selected",
        "backend",
    ]


NAMES = st.sampled_from(
    ["q", "sortierung", "seite", "alle", *FACETS, "_connector", "q__in", "id", "", "\x00"]
)
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["05", "05334", "werkzeug", "neu", "2022", "titel", "1", "2", "-1", "9" * 30]),
    st.text(alphabet=string.printable, min_size=490, max_size=520),
)
PARAMS = st.lists(st.tuples(NAMES, VALUES), max_size=6)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=PARAMS)
def test_random_parameters_never_give_a_5xx(client, corpus, params):
    for path in ("/suche/", "/api/v1/suche/", "/api/v1/suche/vorschlaege/"):
        response = client.get(path, params if params else {})
        assert response.status_code in (200, 400), (path, params, response.status_code)


def test_unknown_facet_values_are_a_400_on_the_page_and_in_the_api(client, corpus):
    """One contract: a well-formed value that names nothing is refused alike, in German."""
    for facet, value in [
        ("region", "0599999"),
        ("handlungsfeld", "gibt-es-nicht"),
        ("zielgruppe", "niemand"),
        ("schlagwort", "Unbekanntes Schlagwort"),
    ]:
        page = client.get("/suche/", {facet: value})
        api = client.get("/api/v1/suche/", {facet: value})
        assert page.status_code == api.status_code == 400, facet
        message = api.json()["error"]["message"]
        assert message.startswith(f"Unbekannter Wert „{value}“"), message
        assert message in page.content.decode()
        assert api.json()["error"]["parameter"] == facet


def test_schema_offers_exactly_the_values_the_api_answers(client, corpus):
    parameters = {
        p["name"]: p
        for p in client.get("/api/v1/schema/").json()["paths"]["/api/v1/suche/"]["get"][
            "parameters"
        ]
    }
    regions = parameters["region"]["schema"]["items"]["enum"]
    assert "05" in regions and "0599999" not in regions
    assert "Unbekanntes Schlagwort" not in parameters["schlagwort"]["schema"]["items"]["enum"]
    assert "wie auf /suche/ mit 400" in parameters["region"]["description"]
    for value in regions[:3]:
        assert client.get("/api/v1/suche/", {"region": value}).status_code == 200
