"""Region roll-up upward on every backend: a Gemeinde or Kreis filter also finds what applies to
the whole enclosing Kreis or Land, marked in the hit, with exact disjunctive counts."""

from search.backends import get_backend
from search.contract import SearchRequest, Similar
from search.indexing import to_document_data, write_documents
from search.registry import IndexDocument

WIDE = {
    "wide.doc:kreis": IndexDocument(
        kind="werkzeug",
        title="Pflegestützpunkt der StädteRegion",
        url="/werkzeuge/pflegestuetzpunkt/",
        summary="Beratung für alle Gemeinden der StädteRegion Aachen.",
        facets={"region": ["05334"], "status": ["bestehend"]},
    ),
    "wide.doc:land": IndexDocument(
        kind="bericht",
        title="Landesförderung Quartiersarbeit",
        url="/projekte/landesfoerderung/",
        summary="Ein Programm für ganz Nordrhein-Westfalen.",
        facets={"region": ["05"], "status": ["neu"]},
    ),
    "wide.doc:other": IndexDocument(
        kind="werkzeug",
        title="Kreisweiter Rufbus im Märkischen Kreis",
        url="/werkzeuge/rufbus/",
        facets={"region": ["05962"], "status": ["neu"]},
    ),
}


def add_wide(backend):
    datas = [to_document_data(key, doc) for key, doc in WIDE.items()]
    write_documents(datas)
    if backend.name != "database":
        get_backend(backend.name).index(datas)


def request(**kwargs):
    filters = {k: tuple(v) for k, v in kwargs.pop("filters", {}).items()}
    return SearchRequest(filters=filters, **kwargs)


def test_a_gemeinde_filter_rolls_up_to_its_kreis_and_land(search_backend):
    add_wide(search_backend)
    found = search_backend.search(request(filters={"region": ["05334032"]}))
    notes = {hit.title: hit.scope_note for hit in found.hits}
    assert notes == {
        "Seniorenbeirat gründen": "",  # in the Gemeinde itself
        "Pflegestützpunkt der StädteRegion": "gilt für den ganzen Kreis",
        "Landesförderung Quartiersarbeit": "gilt für das ganze Land",
    }
    assert found.total == 3
    # switched off (uebergeordnet=nein): only what lies in the Gemeinde
    exact = search_backend.search(request(filters={"region": ["05334032"]}, rollup=False))
    assert [hit.title for hit in exact.hits] == ["Seniorenbeirat gründen"]
    # a Land filter does not roll up: it finds what lies inside it
    land = search_backend.search(request(filters={"region": ["05"]}))
    assert "Rufbus" in " ".join(hit.title for hit in land.hits)
    assert all(hit.scope_note == "" for hit in land.hits)


def test_counts_stay_exact_and_disjunctive(search_backend):
    add_wide(search_backend)
    found = search_backend.search(request(filters={"region": ["05334032"]}))
    art = {b.value: b.count for b in found.facets["art"]}
    assert art == {"werkzeug": 2, "bericht": 1}  # the other facets count what is shown
    assert sum(art.values()) == found.total
    # a region bucket counts what a click on it finds (its own content and the region-wide)
    region = {b.value: b.count for b in found.facets["region"]}
    assert region["05334032"] == found.total
    kreis = search_backend.search(request(filters={"region": ["05334"]}))
    assert region["05334"] == kreis.total
    # disjunctive: with a status filter, the status counts ignore the status filter
    narrowed = search_backend.search(request(filters={"region": ["05334032"], "status": ["neu"]}))
    assert [hit.title for hit in narrowed.hits] == ["Landesförderung Quartiersarbeit"]
    status = {b.value: b.count for b in narrowed.facets["status"]}
    assert status == {"neu": 1, "bestehend": 2}


def test_the_page_marks_rolled_up_hits_and_keeps_the_switch_in_the_url(client, search_backend):
    add_wide(search_backend)
    html = client.get("/suche/?region=05334032").content.decode()
    assert "gilt für den ganzen Kreis" in html and "gilt für das ganze Land" in html
    assert 'href="/suche/?region=05334032&amp;uebergeordnet=nein"' in html
    off = client.get("/suche/?region=05334032&uebergeordnet=nein").content.decode()
    assert "gilt für den ganzen Kreis" not in off
    assert client.get("/suche/?uebergeordnet=vielleicht").status_code == 400


def test_similar_municipalities_restrict_hits_and_every_facet_count(search_backend):
    """aehnlich=<Kommune>: only what lies in the similar municipalities' regions (at or below,
    without roll-up: the Land-wide report is not "used there"), and every facet counts only
    there, like the visibility rule."""
    add_wide(search_backend)
    similar = Similar(
        key="luedenscheid",
        label="Lüdenscheid",
        regions=(("05358", "Kreis Düren"), ("05334032", "Stolberg (Rhld.)")),
    )
    found = search_backend.search(request(similar=similar))
    assert {hit.title for hit in found.hits} == {
        "Sicherer Radweg zur Schule",
        "Seniorenbeirat gründen",
    }
    assert found.total == 2
    assert {b.value: b.count for b in found.facets["region"] if b.count} == {"05": 2}
    assert sum(b.count for b in found.facets["art"]) == 2
    # with a facet filter on top: AND
    narrowed = search_backend.search(request(similar=similar, filters={"region": ["05358"]}))
    assert [hit.title for hit in narrowed.hits] == ["Sicherer Radweg zur Schule"]
    # no similar municipality: nothing (not everything)
    nothing = search_backend.search(request(similar=Similar(key="x", label="X")))
    assert nothing.total == 0 and nothing.hits == []
