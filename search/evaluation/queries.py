"""The evaluation queries: what a municipal officer types and what it must (not) find.

Key concepts: each query is (kind, text, must, must_not) over the tool ids of catalogue.py.
`must`: tools that belong in the first ten hits; `must_not`: tools that must not be found at
all (a fragment match). Kinds: kompositum (a head or part finds the compound), gender (feminine,
plural and star/colon/capital-I forms), plural (what Snowball stems apart), synonym (the seed
list of migration 0009), fragment (short words that occur inside unrelated words), einfach
(plain words every system should find). TYPOS: a misspelt query and the suggestion it should get.
"""

QUERIES = [
    # kompositum: the head of a compound, or a part, finds the compound
    ("kompositum", "Beirat", ["W001", "W002", "W003", "W004", "W005"], []),
    ("kompositum", "Versorgung", ["W007", "W008", "W009", "W010", "W011"], []),
    ("kompositum", "Begegnungsstätte", ["W013", "W014", "W015"], []),
    ("kompositum", "Seniorenbeirat", ["W001"], []),
    ("kompositum", "Seniorenbegegnungsstätte", ["W013"], []),
    ("kompositum", "Bus", ["W017", "W018", "W019"], []),
    ("kompositum", "Laden", ["W007", "W008"], []),
    ("kompositum", "Stützpunkt", ["W047", "W048"], []),
    ("kompositum", "Management", ["W049", "W050"], []),
    ("kompositum", "Ehrenamt", ["W051", "W052", "W053"], []),
    ("kompositum", "Fachkräfte", ["W054", "W055"], []),
    ("kompositum", "Sicherung", ["W054", "W056"], []),
    ("kompositum", "Bericht", ["W057", "W058", "W059"], []),
    ("kompositum", "Gesundheit", ["W060", "W061"], []),
    ("kompositum", "Betreuung", ["W063", "W064"], []),
    ("kompositum", "Parlament", ["W065", "W066"], []),
    ("kompositum", "Gemeinschaftshaus", ["W067", "W068"], []),
    ("kompositum", "Beratung", ["W069", "W070"], []),
    ("kompositum", "Konzept", ["W071", "W072"], []),
    ("kompositum", "Werkstatt", ["W073", "W074", "W095"], []),
    ("kompositum", "Hilfe", ["W075", "W076"], []),
    ("kompositum", "Analyse", ["W077", "W078"], []),
    ("kompositum", "Beteiligung", ["W080", "W081"], []),
    ("kompositum", "Verkehr", ["W082", "W083"], []),
    ("kompositum", "Radweg", ["W044", "W046"], ["W045"]),
    ("kompositum", "Taxi", ["W020"], []),
    ("kompositum", "Beirat Jugend", ["W002"], []),
    ("kompositum", "Versorgung Dorf", ["W007", "W008"], []),
    ("kompositum", "Pflege Quartier", ["W010"], []),
    ("kompositum", "Pflegestützpunkt", ["W047"], []),
    # gender: feminine, plural and marked forms meet the base word
    ("gender", "Seniorin", ["W022", "W023", "W024"], []),
    ("gender", "Seniorinnen", ["W022", "W023", "W024"], []),
    ("gender", "Senioren", ["W022", "W023", "W024"], []),
    ("gender", "Bürgerin", ["W008", "W025", "W026"], []),
    ("gender", "Ärztin", ["W027", "W028", "W029"], []),
    ("gender", "Ärzte", ["W027", "W028", "W029"], []),
    ("gender", "Pflegerin", ["W030"], []),
    ("gender", "Pfleger", ["W030"], []),
    ("gender", "Nutzer", ["W032", "W033", "W034"], []),
    ("gender", "Nutzer:innen", ["W032", "W033", "W034"], []),
    ("gender", "Nutzer*innen", ["W032", "W033", "W034"], []),
    ("gender", "NutzerInnen", ["W032", "W033", "W034"], []),
    # plural: forms the Snowball stemmer keeps apart
    ("plural", "Bürgerbus", ["W017", "W018"], []),
    ("plural", "Bürgerbusse", ["W017", "W018"], []),
    ("plural", "Buergerbus", ["W017", "W018"], []),
    ("plural", "Gremium", ["W035", "W036"], []),
    ("plural", "Thema", ["W037", "W038"], []),
    ("plural", "Kitas", ["W039", "W040"], []),
    ("plural", "Museum", ["W041"], []),
    ("plural", "Zentrum", ["W042", "W043"], []),
    # synonym: the seed list (ÖPNV = Nahverkehr, Ältere = Senioren, Kita = Kindertagesstätte ...)
    ("synonym", "ÖPNV", ["W083", "W084"], []),
    ("synonym", "Nahverkehr", ["W083", "W084"], []),
    ("synonym", "Kita", ["W039", "W040", "W085"], []),
    ("synonym", "Ältere", ["W011", "W069", "W024"], []),
    ("synonym", "Leerstand", ["W050", "W087", "W088"], []),
    ("synonym", "Ehrenamt Engagement", ["W086"], []),
    # fragment: short words inside unrelated words are no match
    ("fragment", "Ruf", ["W019"], ["W089"]),
    ("fragment", "Weg", ["W044", "W045", "W046"], ["W090"]),
    ("fragment", "nah", ["W007", "W083"], ["W091"]),
    ("fragment", "Amt", ["W051", "W053"], ["W089"]),
    # einfach: plain words
    ("einfach", "Mitfahrbank", ["W021"], []),
    ("einfach", "Demenz", ["W005", "W064"], []),
    ("einfach", "Leitbild", ["W079"], []),
    ("einfach", "Lieferdienst", ["W007", "W012"], []),
    ("einfach", "Werkstattplan", ["W096"], []),
    ("einfach", "Datencheck", ["W098"], []),
]

# Misspelt queries: the suggestion „Meinten Sie: …?“ they should get (compared folded).
TYPOS = [
    ("Plege", "Pflege"),
    ("Senoiren", "Senioren"),
    ("Beratng", "Beratung"),
    ("Nachbarschafthilfe", "Nachbarschaftshilfe"),
    ("Quartir", "Quartier"),
    ("Mitfahbank", "Mitfahrbank"),
]

KINDS = ("kompositum", "gender", "plural", "synonym", "fragment", "einfach")
