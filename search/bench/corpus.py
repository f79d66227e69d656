"""A synthetic, reproducible corpus and query mix for `manage.py bench_search`.

Key concepts: documents look like the real ones where it matters for speed: German titles and
bodies from a domain word list, kinds weighted like the demo content, 1-3 action fields,
a Kreis (sometimes only a Land) whose ancestors search adds, target groups, a status for
tools, Zipf-distributed tags, years weighted towards the present, ~10 % members-only.
Everything comes from one seeded RNG, so two runs (and both databases) see the same data.
"""

import bisect
import itertools
import random
from datetime import date

from ..contract import (
    ADVICE,
    BUDGET_BANDS,
    FACETS,
    MEMBERS,
    MONTHS,
    PROGRESS_STATES,
    PUBLIC,
    QUALITY_STATUSES,
    VOCABULARIES,
    SearchRequest,
)
from ..registry import IndexDocument

WORDS = """
Demografie Demografiekonzept Wandel Kommune Gemeinde Landkreis Stadt Quartier Nachbarschaft
Senioren Seniorinnen Seniorenbeirat Seniorenbüro Jugend Jugendliche Kinder Familien Familienzentrum
Pflege Pflegestützpunkt Pflegeberatung Gesundheit Gesundheitsförderung Prävention Hausarzt
Mobilität Bürgerbus Rufbus Radweg Radwege Fußweg Nahversorgung Dorfladen Wochenmarkt Lieferdienst
Wohnen Wohnberatung Wohnungsbau Barrierefreiheit Mehrgenerationenhaus Wohnprojekt Straße
Bildung Volkshochschule Bibliothek Ausbildung Fachkräfte Fachkräftesicherung Unternehmen Betrieb
Ehrenamt Engagement Bürgerbeteiligung Zukunftswerkstatt Beteiligung Beirat Arbeitsgruppe Netzwerk
Integration Vielfalt Zuwanderung Sprachkurs Willkommenskultur Teilhabe Inklusion Armut
Verwaltung Steuerung Datenbericht Sozialbericht Monitoring Planung Konzept Strategie Leitbild
Fortschreibung Handlungsfeld Maßnahme Projekt Werkzeug Werkstatt Zukunftsbild Baustein Workshop
Förderung Finanzierung Kooperation Vernetzung Koordination Beratung Begegnung Treffpunkt Café
Digitalisierung Onlineangebot Sprechstunde Lotsen Besuchsdienst Nachbarschaftshilfe Tagespflege
Einsamkeit Alltag Versorgung Infrastruktur Ortskern Leerstand Innenentwicklung Umbau Sanierung
""".split()  # noqa: SIM905 - a word list reads better as text
FILLER = "und der die das mit für im von zur zum eine ein in auf bei über durch als neue".split()  # noqa: SIM905
KIND_WEIGHTS = {
    "werkzeug": 25,
    "projekt": 20,
    "bericht": 10,
    "datenbericht": 5,
    "kontakt": 20,
    "organisation": 8,
    "gremium": 5,
    "kommune": 5,
    "zukunftsbild": 2,
    "massnahme": 10,
    "werkstattplan": 2,
    "seite": 1,
}
PREFIXES = """
Senioren Familien Bürger Dorf Stadt Kinder Jugend Pflege Wohn Rad Bus Nah Gesundheits Bildungs
Quartiers Zukunfts Netzwerk Beratungs Sozial Integrations Mobilitäts Nachbarschafts Kultur Sport
""".split()  # noqa: SIM905
HEADS = """
beirat zentrum treff netz werkstatt dienst beratung büro konzept plan laden weg haus café gruppe
forum projekt bericht stelle lotsen versorgung kreis rat tag woche fonds programm initiative
""".split()  # noqa: SIM905
# ~830 words; body words follow a Zipf distribution over them (a few very common, most rare).
VOCABULARY = WORDS + [prefix + head for prefix in PREFIXES for head in HEADS]
TAGS = [f"{a}{b.lower()}" for a in WORDS[:12] for b in WORDS[40:48]]  # 96 compound tags
YEARS = [str(y) for y in range(2008, 2026)]


class Vocabulary:
    """Facet values from the scratch database (action fields, target groups, Kreise, Länder)."""

    def __init__(self):
        from taxonomy.models import ActionField, Region, RegionLevel, TargetGroup

        self.action_fields = list(ActionField.objects.values_list("slug", flat=True))
        self.target_groups = list(TargetGroup.objects.values_list("slug", flat=True))
        self.kreise = list(
            Region.objects.filter(level=RegionLevel.KREIS).values_list("code", flat=True)
        )
        self.laender = list(
            Region.objects.filter(level=RegionLevel.LAND).values_list("code", flat=True)
        )


def german_words(count):
    """The `count` most frequent German words (wordfreq): a corpus whose analysis caches miss
    as on a real site, where the ~830 domain words hid a race between stemming threads."""
    from wordfreq import top_n_list

    return [word for word in top_n_list("de", count) if word.isalpha()]


class _Zipf:
    """Draws words with probability ~ 1/rank over a seeded shuffle of the vocabulary."""

    def __init__(self, rng, words=VOCABULARY):
        self.words = list(words)
        rng.shuffle(self.words)
        weights = (1 / rank for rank in range(1, len(self.words) + 1))
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self, rng):
        return self.words[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _sentence(rng, zipf, n):
    return " ".join(zipf.draw(rng) if rng.random() < 0.7 else rng.choice(FILLER) for _ in range(n))


def make_documents(n, vocabulary, seed=20261121, words=VOCABULARY):
    """Yield (key, IndexDocument) pairs; deterministic for a seed and word list."""
    rng = random.Random(seed)
    zipf = _Zipf(rng, words)
    kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
    # Populous Länder get more content: weight Kreise by a per-Land factor.
    land_weight = {land: rng.choice((1, 2, 3, 5)) for land in vocabulary.laender}
    kreis_weights = [land_weight.get(code[:2], 1) for code in vocabulary.kreise]
    for i in range(n):
        kind = rng.choices(kinds, weights)[0]
        title_words = [zipf.draw(rng) for _ in range(rng.randint(2, 5))]
        body = ". ".join(
            _sentence(rng, zipf, rng.randint(8, 20)) for _ in range(rng.randint(4, 12))
        )
        if rng.random() < 0.1:
            region = [rng.choice(vocabulary.laender)]
        else:
            region = rng.choices(vocabulary.kreise, kreis_weights)
        facets = {
            "handlungsfeld": rng.sample(vocabulary.action_fields, rng.choice((1, 1, 2, 3))),
            "region": region,
            "zielgruppe": rng.sample(vocabulary.target_groups, rng.randint(0, 3)),
            "schlagwort": list(
                {
                    TAGS[min(int(rng.paretovariate(1.2)) - 1, len(TAGS) - 1)]
                    for _ in range(rng.randint(0, 4))
                }
            ),
            "jahr": [rng.choices(YEARS, weights=range(1, len(YEARS) + 1))[0]],
        }
        if kind == "werkzeug":
            facets["status"] = [rng.choice(("bestehend", "neu"))]
            if rng.random() < 0.5:
                facets["fortschritt"] = [rng.choice(list(PROGRESS_STATES))]
        if kind in ("werkzeug", "projekt") and rng.random() < 0.3:
            facets["qualitaet"] = [rng.choice(list(QUALITY_STATUSES))]
        if kind == "massnahme":  # a single measure of a tool sheet: month, budget, advice
            facets["monat"] = [rng.choice(list(MONTHS))]
            facets["budget"] = [rng.choice(list(BUDGET_BANDS))]
            facets["beratung"] = [rng.choice(list(ADVICE))]
        year = int(facets["jahr"][0])
        yield (
            f"bench.doc:{i}",
            IndexDocument(
                kind=kind,
                title=" ".join(title_words),
                url=f"/bench/{i}/",
                summary=_sentence(rng, zipf, rng.randint(10, 20)),
                body=body,
                date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
                visibility=MEMBERS
                if rng.random() < (0.4 if kind == "kontakt" else 0.05)
                else PUBLIC,
                facets=facets,
            ),
        )


ABSENT = "Xylofant"  # in no document


def make_queries(count, vocabulary, seed=7):
    """A fixed mix of requests: text or none, 0-3 filters, sorts, mostly anonymous, some page 2."""
    rng = random.Random(seed)
    facet_values = {
        "art": list(KIND_WEIGHTS),
        "handlungsfeld": vocabulary.action_fields,
        "zielgruppe": vocabulary.target_groups,
        "status": ["bestehend", "neu"],
        "schlagwort": TAGS[:20],
        "jahr": YEARS[-8:],
        **{facet: list(values) for facet, values in VOCABULARIES.items() if facet != "status"},
    }
    requests = []
    for _ in range(count):
        q = ""
        roll = rng.random()
        if roll < 0.6:
            q = rng.choice(VOCABULARY)
        elif roll < 0.8:
            q = " ".join(rng.sample(VOCABULARY, 2))
        elif roll < 0.85:  # one word is nowhere: partial matches (search.text.Query.pieces)
            q = f"{rng.choice(VOCABULARY)} {ABSENT}"
        filters = {}
        for name in rng.sample(
            [f for f in FACETS if f != "region"] + ["region"] * 2, rng.choice((0, 1, 1, 2, 3))
        ):
            if name == "region":
                land = rng.choice(vocabulary.laender)
                kreise = [k for k in vocabulary.kreise if k.startswith(land)]
                value = rng.choice(kreise) if kreise and rng.random() < 0.4 else land
                filters["region"] = (value,)
            else:
                values = facet_values[name]
                filters[name] = tuple(rng.sample(values, min(len(values), rng.choice((1, 1, 2)))))
        requests.append(
            SearchRequest(
                q=q,
                filters=filters,
                sort=rng.choice(("relevanz", "relevanz", "neueste", "titel")),
                page=1 if rng.random() < 0.85 else 2,
                viewer=MEMBERS if rng.random() < 0.2 else PUBLIC,
            )
        )
    return requests
