"""Download templates beside every admin import: an XLSX with the import's columns and one
example row, so an editor starts from a file the import takes as it is."""

from pathlib import Path

from werkstatt.spreadsheets import read_table

from .plan_importer import COLUMNS as PLAN_COLUMNS
from .spreadsheet_columns import COLUMNS

SAMPLE = Path(__file__).resolve().parent / "samples" / "werkzeuge-beispiel.csv"

# One row of a Werkstattplan: an action field with its steps and the years they run (X).
PLAN_EXAMPLE = {
    "Handlungsfeld": "Leben und Wohnen",
    "Handlungsfeld (Vokabular)": "Leben und Wohnen",
    "Beschreibung": "Ältere Menschen sollen so lange wie möglich in ihrer Wohnung bleiben können.",
    "Werkzeuge": "",
    "Weitere Schritte": "Wohnberatung im Rathaus einrichten",
    "Ansprechperson": "Erika Beispiel, Fachbereich Soziales",
    "Umsetzungsort": "Kernstadt",
    "Beteiligte": "Seniorenbeirat",
    "Jahre": "",
}
PLAN_YEARS = ("2026", "2027", "2028")


def tool_template():
    """The catalogue import's columns with the first tool of the shipped sample file."""
    import pandas as pd  # here: only a download needs it

    sample = read_table(SAMPLE)
    example = sample.iloc[0].to_dict()
    return pd.DataFrame([{column: example.get(column, "") for column in COLUMNS}])


def plan_template():
    """The plan import's columns, one year column per year, with one example row."""
    import pandas as pd

    row = {**PLAN_EXAMPLE, **dict.fromkeys(PLAN_YEARS, "X")}
    return pd.DataFrame([{column: row[column] for column in [*PLAN_COLUMNS, *PLAN_YEARS]}])


TEMPLATES = {
    "werkzeuge": ("vorlage-werkzeugkatalog", "Werkzeuge", tool_template),
    "werkstattplan": ("vorlage-werkstattplan", "Werkstattplan", plan_template),
}
