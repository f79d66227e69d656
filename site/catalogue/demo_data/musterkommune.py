"""The 'Werkstattplan Musterkommune' of the Merkblatt (seed 003), in our own words."""

PLAN = {
    "title": "Werkstattplan Musterkommune",
    "slug": "werkstattplan-musterkommune",
    "intro": "<p>Das Beispiel aus dem Merkblatt Werkstattplan: Handlungsfelder mit Beschreibung, "
    "Werkzeugen, verantwortlicher Person, Ort und Beteiligten, grob in Jahresschritten geplant. "
    "Die Detailplanung steht in den Werkzeugblättern.</p>",
    "start_year": 2017,
    "end_year": 2020,
}

ROWS = [
    {
        "title": "1. Aufbau Demografienetzwerk",
        "action_field": "demografienetzwerk-und-verwaltung",
        "description": "Die Fachabteilungen im Landratsamt werden vernetzt, damit sie besser zusammenarbeiten. Danach kommen externe Partnerinnen und Partner hinzu.",
        "linked_tools": ["Runder Tisch Demografie"],
        "tools": "Projektschulung und Klärung von Schnittstellen",
        "responsible": "Herr Beispielmann, Demografiebeauftragter",
        "place": "ganzer Landkreis",
        "participants": "Mitarbeitende des Landratsamts, danach Vertretungen der Kommunen, Dienstleister, Seniorenbeauftragte",
        "years": "2017",
    },
    {
        "title": "2. Mobilität",
        "action_field": "mobilitaet-und-nahversorgung",
        "description": "Ein Bürgerfahrdienst bringt ältere Menschen ohne Auto zum Einkauf und zur Arztpraxis.",
        "linked_tools": ["Bürgerbus Rureifel", "Mitfahrbänke", "Rufbus im ländlichen Raum"],
        "tools": "Verschiedene Mobilitätskonzepte auswerten und im Landratsamt vorstellen\nDas gewählte Konzept ausarbeiten\nPilotphase",
        "responsible": "Herr Beispielmann, Demografiebeauftragter",
        "place": "je nach Konzept",
        "participants": "je nach Konzept",
        "years": "2017",
    },
    {
        "title": "3. Wohnen",
        "action_field": "leben-und-wohnen",
        "description": "Die Wohnberatung im Landkreis wird verbessert.",
        "linked_tools": ["Wohnlotsen", "Wohnberatung für das Alter"],
        "tools": "Informationsmaterial leichter verfügbar machen",
        "responsible": "Frau Musterfrau, Seniorenbeirat",
        "place": "Pilotprojekt in Gemeinde X und Y, dann ganzer Landkreis",
        "participants": "Sozialämter der Gemeinden X und Y, Ehrenamtliche, die Wohnlotsen werden wollen, Vertretung des Landratsamts",
        "years": "2017-2020",
    },
    {
        "title": "4. Bürgerbeteiligung",
        "action_field": "buergerbeteiligung-und-engagement",
        "description": "Eine Zukunftswerkstatt zur Lebensqualität älterer Menschen soll weitere Bedarfe sichtbar machen.",
        "linked_tools": ["Zukunftswerkstatt Lebensqualität im Alter"],
        "tools": "Ergebnisse in den Werkstattplan übernehmen",
        "responsible": "Frau Musterfrau, Seniorenbeirat",
        "place": "Bürgerhaus",
        "participants": "Seniorinnen und Senioren, Seniorenbeirat, Verwaltung",
        "years": "2018;2019",
    },
]
