"""The DCAT-AP.de description of the open data (JSON-LD), for data portals that harvest it.

Key concepts: one dcat:Catalog (the site) with one dcat:Dataset (the public tools) and three
dcat:Distributions (CSV, XLSX, JSON), each with its download URL, file type from the EU
vocabulary, IANA media type and the licence IRI from the DCAT-AP.de licence vocabulary. The
context is inline, so a consumer needs no further download to read it. The mandatory
properties of DCAT-AP.de 2.0 (DCAT-AP 2.1.1 with the German additions) are checked in
tests/catalogue/test_opendata.py with SHACL.
"""

from django.urls import reverse

from werkstatt.sitemaps import site_for

from .opendata import LICENCE, TITLE, attribution, landing_url, last_modified, operator

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
IANA = "https://www.iana.org/assignments/media-types/"
FORMATS = {
    "csv": ("CSV", "text/csv", "CSV (Semikolon, UTF-8), Spalten wie beim Katalog-Import"),
    "xlsx": (
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel-Arbeitsmappe, Spalten wie beim Katalog-Import",
    ),
    "json": ("JSON", "application/json", "JSON mit typisierten Werten (Listen, Zahlen)"),
}
DESCRIPTION = (
    "Alle öffentlichen Werkzeuge und Praxisbeispiele der kommunalen Werkzeugkataloge zum "
    "demografischen Wandel: Handlungsfeld, Status (bestehend/neu), Zielgruppen, Region mit "
    "amtlichem Schlüssel (AGS), Jahre, Budget, Kennzeichnung als Praxisbeispiel und die "
    "Projekte und Berichte, in denen sie eingesetzt wurden. Ohne Kontaktdaten."
)


def _date(value):
    return {"@value": value.isoformat(), "@type": "xsd:dateTime"}


def catalogue_description(items, request):
    """The JSON-LD document (a dict) for `items` from `opendata.records`."""
    root = site_for(request).root_url
    landing = landing_url(request)
    modified = _date(last_modified(items))
    publisher = {
        "@id": root + "/#betreiber",
        "@type": "foaf:Organization",
        "foaf:name": operator(request),
        "foaf:homepage": {"@id": root + "/"},
    }
    distributions = []
    for extension, (file_type, media_type, description) in FORMATS.items():
        url = root + reverse("catalogue:opendata_file", kwargs={"extension": extension})
        distributions.append(
            {
                "@id": url,
                "@type": "dcat:Distribution",
                "dct:title": {"@value": f"{TITLE} ({file_type})", "@language": "de"},
                "dct:description": {"@value": description, "@language": "de"},
                "dcat:accessURL": {"@id": url},
                "dcat:downloadURL": {"@id": url},
                "dct:format": {"@id": EU + "file-type/" + file_type},
                "dcat:mediaType": {"@id": IANA + media_type},
                "dct:license": {"@id": LICENCE["dcat"]},
                "dcatde:licenseAttributionByText": {
                    "@value": attribution(request),
                    "@language": "de",
                },
                "dct:modified": modified,
            }
        )
    dataset = {
        "@id": landing + "#werkzeuge",
        "@type": "dcat:Dataset",
        "dct:title": {"@value": TITLE, "@language": "de"},
        "dct:description": {"@value": DESCRIPTION, "@language": "de"},
        "dct:identifier": landing + "#werkzeuge",
        "dct:publisher": {"@id": publisher["@id"]},
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": publisher["foaf:name"],
            "vcard:hasURL": {"@id": root + reverse("network:message")},
        },
        "dcat:landingPage": {"@id": landing},
        "dcat:keyword": [
            {"@value": word, "@language": "de"}
            for word in ("Demografie", "Demografischer Wandel", "Kommunen", "Praxisbeispiele")
        ],
        "dcat:theme": [{"@id": EU + "data-theme/SOCI"}, {"@id": EU + "data-theme/REGI"}],
        "dct:language": {"@id": EU + "language/DEU"},
        "dct:spatial": {"@id": EU + "country/DEU"},
        "dcatde:politicalGeocodingURI": [
            {"@id": f"{GEOCODING}stateKey/{code}"}
            for code in sorted({item["region"].code[:2] for item in items if item["region"]})
        ],
        "dcatde:politicalGeocodingLevelURI": {
            "@id": "http://dcat-ap.de/def/politicalGeocoding/Level/federal"
        },
        "dct:accrualPeriodicity": {"@id": EU + "frequency/UPDATE_CONT"},
        "dct:modified": modified,
        "dcat:distribution": [{"@id": d["@id"]} for d in distributions],
    }
    catalogue = {
        "@id": landing + "#katalog",
        "@type": "dcat:Catalog",
        "dct:title": {"@value": "Werkstatt: offene Daten", "@language": "de"},
        "dct:description": {
            "@value": "Offene Daten der Werkstatt, der Wissensbasis für Kommunen im "
            "demografischen Wandel.",
            "@language": "de",
        },
        "dct:publisher": {"@id": publisher["@id"]},
        "foaf:homepage": {"@id": root + "/"},
        "dct:language": {"@id": EU + "language/DEU"},
        "dct:license": {"@id": LICENCE["dcat"]},
        "dct:modified": modified,
        "dcat:dataset": [{"@id": dataset["@id"]}],
    }
    return {"@context": CONTEXT, "@graph": [catalogue, dataset, *distributions, publisher]}
